package io.paddock.auth;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.paddock.PaddockConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;

/**
 * Valid API tokens by hash, so most requests authenticate without a query. It is used only while this replica
 * listens on PostgreSQL's {@value #CHANNEL} channel, which a trigger on {@code api_token} (migration V10)
 * notifies after every update, delete or truncate: each notification empties the cache. While the listening
 * connection is down (not yet connected, lost, PostgreSQL restarting) the cache is empty and unused, so every
 * request asks the database, as it would without a cache. A token deleted through this replica is dropped
 * from the cache once the delete has committed and before the delete is answered; one deleted elsewhere is
 * dropped when the notification arrives, milliseconds after that commit. Entries also expire after
 * {@link #MAX_AGE}, and the cache holds at most {@link #MAX_ENTRIES} tokens (past that, new ones are not kept).
 * <p>
 * Only hits are cached, never misses: a token created anywhere is found by the query on its first use.
 * Metrics: {@code paddock_api_token_cache_listening} (1 while the cache is in use) and
 * {@code paddock_api_token_cache_hits_total} (requests authenticated from the cache).
 */
@ApplicationScoped
public class ApiTokenCache {

    static final String CHANNEL = "paddock_api_token";
    static final Duration MAX_AGE = Duration.ofSeconds(10);
    static final int MAX_ENTRIES = 10_000;
    private static final long RECONNECT_DELAY_MS = 1_000;

    private static final Logger LOG = Logger.getLogger(ApiTokenCache.class);

    private record Entry(Caller caller, long expiresAt) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    /** Moves on at every invalidation; a look-up that started before one must not fill the cache after it. */
    private final AtomicLong generation = new AtomicLong();
    private final Vertx vertx;
    private final PgConnectOptions connectOptions;
    private final Counter hits;

    private volatile boolean listening;
    private volatile boolean stopped;
    private PgSubscriber subscriber;

    ApiTokenCache(Vertx vertx, PaddockConfig config, MeterRegistry metrics) {
        this.vertx = vertx;
        this.hits = Counter.builder("paddock.api.token.cache.hits")
                .description("Requests whose API token was found in the token cache")
                .register(metrics);
        Gauge.builder("paddock.api.token.cache.listening", this, cache -> cache.listening ? 1 : 0)
                .description("1 while this replica listens for API token changes and uses its token cache")
                .register(metrics);
        PaddockConfig.Db db = config.db();
        this.connectOptions = new PgConnectOptions()
                .setHost(db.host())
                .setPort(db.port())
                .setDatabase(db.name())
                .setUser(db.user())
                .setPassword(db.password());
    }

    void start(@Observes StartupEvent event) {
        connect();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        stopListening();
        PgSubscriber current;
        synchronized (this) {
            current = subscriber;
            subscriber = null;
        }
        if (current != null) {
            current.close();
        }
    }

    /** Whether the cache is in use: this replica is listening for changes to the tokens table. */
    public boolean isListening() {
        return listening;
    }

    /** The caller of a cached valid token, or null (not cached, expired, or the cache is not in use). */
    Caller get(byte[] hash) {
        if (!listening) {
            return null;
        }
        String key = key(hash);
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (System.nanoTime() - entry.expiresAt() > 0) {
            entries.remove(key, entry);
            return null;
        }
        hits.increment();
        return entry.caller();
    }

    /** The generation to pass to {@link #put} for a look-up that starts now. */
    long generation() {
        return generation.get();
    }

    /**
     * Keeps a token the database just found, unless the cache was invalidated since the look-up started
     * ({@code seenGeneration}): that look-up may have read a row that is gone now.
     */
    void put(byte[] hash, Caller caller, long seenGeneration) {
        if (!listening || generation.get() != seenGeneration || entries.size() >= MAX_ENTRIES) {
            return;
        }
        String key = key(hash);
        Entry entry = new Entry(caller, System.nanoTime() + MAX_AGE.toNanos());
        entries.put(key, entry);
        if (generation.get() != seenGeneration) {
            // An invalidation ran between the check above and the put: its clear may have missed this entry.
            entries.remove(key, entry);
        }
    }

    /** Forgets every token; look-ups in flight do not fill the cache afterwards. */
    void invalidateAll() {
        generation.incrementAndGet();
        entries.clear();
    }

    private void connect() {
        if (stopped) {
            return;
        }
        PgSubscriber next = PgSubscriber.subscriber(vertx, connectOptions);
        // Any notification, whatever its payload, means a token may have been taken away or changed.
        next.channel(CHANNEL)
                .handler(payload -> invalidateAll())
                .subscribeHandler(v -> {
                    // Changes made while nobody listened were never notified: start from an empty cache.
                    invalidateAll();
                    listening = true;
                    LOG.debug("Listening for API token changes; the token cache is in use");
                });
        // The default reconnect policy gives up at once, so a lost connection always ends here.
        next.closeHandler(v -> {
            if (retryLater(next)) {
                LOG.info("The connection that listens for API token changes closed; the token cache is off "
                        + "and every request asks the database until it is back");
            }
        });
        synchronized (this) {
            subscriber = next;
        }
        next.connect()
                .onFailure(failure -> {
                    if (retryLater(next)) {
                        LOG.debugf("Could not listen for API token changes (%s); trying again in %d ms",
                                failure.getMessage(), RECONNECT_DELAY_MS);
                    }
                    next.close();
                });
    }

    /**
     * Turns the cache off and, once per subscriber (a failed connect may also close it), schedules a new
     * connection; whether this call scheduled it.
     */
    private boolean retryLater(PgSubscriber failed) {
        stopListening();
        synchronized (this) {
            if (subscriber != failed || stopped) {
                return false;
            }
            subscriber = null;
        }
        vertx.setTimer(RECONNECT_DELAY_MS, id -> connect());
        return true;
    }

    private void stopListening() {
        listening = false;
        invalidateAll();
    }

    private static String key(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }
}
