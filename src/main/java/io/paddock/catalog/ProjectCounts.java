package io.paddock.catalog;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.ExpiringCache;
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

    /** Past this many stages, expired counts are swept out, and all of them if none had expired. */
    static final int MAX_ENTRIES = 10_000;

    private final ExpiringCache<String, Long> cache;

    @Inject
    ProjectCounts(PaddockConfig config) {
        this(config.catalog().projectCountTtl());
    }

    ProjectCounts(Duration ttl) {
        this.cache = new ExpiringCache<>(ttl, MAX_ENTRIES);
    }

    /** The count kept for the stage within the TTL, or null. */
    Long fresh(String name) {
        return cache.fresh(name);
    }

    /** A token to pass to {@link #counted}: taken before the count is read. */
    long asking() {
        return cache.asking();
    }

    /** The count read for the stage after {@code asked}; kept unless the stage was forgotten in between. */
    void counted(String name, long count, long asked) {
        cache.put(name, count, asked);
    }

    /** An application environment of the stage was created or deleted here (committed): its next GET counts. */
    public void forget(String name) {
        cache.forget(name);
    }

    /** A change whose stage is not at hand (a create that failed): every stage's next GET counts. */
    public void forgetAll() {
        cache.forgetAll();
    }
}
