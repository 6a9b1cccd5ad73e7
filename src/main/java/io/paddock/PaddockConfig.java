package io.paddock;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of Paddock's own. Each key can also be given as an environment variable: upper case,
 * dots and dashes as underscores ({@code paddock.limits.max-body-size} is {@code PADDOCK_LIMITS_MAX_BODY_SIZE}).
 */
@ConfigMapping(prefix = "paddock")
public interface PaddockConfig {

    /** Full admin tokens ({@code *:*.<secret>}) that are created at start-up when absent. */
    Optional<List<String>> initAdminApiTokens();

    Db db();

    Limits limits();

    /** The PostgreSQL database that is Paddock's source of truth. */
    interface Db {
        @WithDefault("localhost")
        String host();

        @WithDefault("5432")
        int port();

        @WithDefault("paddock")
        String name();

        @WithDefault("paddock")
        String user();

        @WithDefault("paddock")
        String password();

        /** Connections in the reactive pool that serves requests. */
        @WithDefault("20")
        int poolSize();
    }

    interface Limits {
        /** Request bodies larger than this are refused with 413 PayloadTooLarge. */
        @WithDefault("1M")
        MemorySize maxBodySize();

        /** Live application environments one application may have; one more is refused with 403. */
        @WithDefault("10")
        int environmentsPerApplication();
    }

    Environments environments();

    interface Environments {
        /**
         * How long a GET waits for the cloud provider's current counts before it answers with the stored
         * ones.
         */
        @WithDefault("500ms")
        Duration refreshTimeout();
    }
}
