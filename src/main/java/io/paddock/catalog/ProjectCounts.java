package io.paddock.catalog;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.PaddockConfig;

/**
 * The projectCount a GET of one catalog environment last counted, reused for {@code paddock.catalog.project-count-ttl}.
 * Counting is exact but reads one index entry per live application environment of the stage (about 1 ms of
 * PostgreSQL's CPU for 8,500), which a stage read many times a second need not pay on every GET. This replica
 * forgets a stage's count when it creates or deletes an application environment of it ({@link #forget}), and every
 * count when a create fails ({@link #forgetAll}); what other replicas change shows within the TTL.
 */
@ApplicationScoped
public class ProjectCounts {

    /** Past this many stages, the counts are all dropped: the catalog rarely has that many names read at once. */
    static final int MAX_ENTRIES = 10_000;

    private record Entry(long count, long expiresAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Moves on with every forget: a count asked for before it is not kept, since it may predate the change. */
    private final AtomicLong generation = new AtomicLong();
    private final long ttlNanos;

    @Inject
    ProjectCounts(PaddockConfig config) {
        this(config.catalog().projectCountTtl());
    }

    ProjectCounts(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    /** The count kept for the stage within the TTL, or null. */
    Long fresh(String name) {
        if (ttlNanos <= 0) {
            return null;
        }
        Entry entry = entries.get(name);
        if (entry == null) {
            return null;
        }
        if (entry.expiresAt() - System.nanoTime() <= 0) {
            entries.remove(name, entry);
            return null;
        }
        return entry.count();
    }

    /** A token to pass to {@link #counted}: taken before the count is read. */
    long asking() {
        return generation.get();
    }

    /** The count read for the stage after {@code asked}; kept unless a forget came in between. */
    void counted(String name, long count, long asked) {
        if (ttlNanos <= 0 || generation.get() != asked) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(name, new Entry(count, System.nanoTime() + ttlNanos));
    }

    /** An application environment of the stage was created or deleted here (committed): its next GET counts. */
    public void forget(String name) {
        generation.incrementAndGet();
        entries.remove(name);
    }

    /** A change whose stage is not at hand (a create that failed): every stage's next GET counts. */
    public void forgetAll() {
        generation.incrementAndGet();
        entries.clear();
    }
}
