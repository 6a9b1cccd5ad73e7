package io.paddock;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers kept for a short time, so that a value read many times a second is not read again each time, and
 * forgotten at once when this replica changes what they were read from. An answer asked for before a forget of its
 * key (or of every key) is not kept: it may predate the change. What other replicas change shows within the TTL.
 * A TTL of zero keeps nothing.
 */
public final class ExpiringCache<K, V> {

    /** A value and when it expires; or, with no value, when its key was last forgotten. */
    private record Entry<V>(V value, long expiresAt, long forgottenAt) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;
    private volatile long allForgottenAt = System.nanoTime();

    /** Past {@code maxEntries}, expired entries are swept out, and all of them if none had expired. */
    public ExpiringCache(Duration ttl, int maxEntries) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    public boolean enabled() {
        return ttlNanos > 0;
    }

    /** The value kept for the key within the TTL, or null. */
    public V fresh(K key) {
        if (!enabled()) {
            return null;
        }
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.expiresAt() - System.nanoTime() <= 0) {
            entries.remove(key, entry);
            return null;
        }
        return entry.value();
    }

    /** A time to pass to {@link #put}: taken before the value is read. */
    public long asking() {
        return System.nanoTime();
    }

    /** Keeps the value read for a question asked at {@code askedAt}, unless its key was forgotten since. */
    public void put(K key, V value, long askedAt) {
        if (!enabled() || allForgottenAt - askedAt >= 0) {
            return;
        }
        Entry<V> previous = entries.get(key);
        if (previous != null && previous.value() == null && previous.forgottenAt() - askedAt >= 0) {
            return;
        }
        if (entries.size() >= maxEntries) {
            long now = System.nanoTime();
            entries.values().removeIf(entry -> entry.expiresAt() - now <= 0);
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(key, new Entry<>(value, System.nanoTime() + ttlNanos, 0));
    }

    /** What the key's value is read from changes: the next read asks again, and answers asked before now are dropped. */
    public void forget(K key) {
        if (!enabled()) {
            return;
        }
        long now = System.nanoTime();
        entries.put(key, new Entry<>(null, now + ttlNanos, now));
    }

    /** As {@link #forget}, for every key. */
    public void forgetAll() {
        allForgottenAt = System.nanoTime();
        entries.clear();
    }
}
