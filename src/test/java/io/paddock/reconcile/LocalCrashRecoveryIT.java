package io.paddock.reconcile;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;

import io.paddock.testing.PaddockProcess;

/** {@link CrashRecoveryIT} with the local provider, 150 ms a call; its inventory is the local cloud's table. */
class LocalCrashRecoveryIT extends CrashRecoveryIT {

    @BeforeAll
    static void start() throws Exception {
        paddock = new PaddockProcess(settings(Map.of("PADDOCK_CLOUD_LOCAL_LATENCY", "150ms")),
                PaddockProcess.logFile("crash-recovery.log"));
        paddock.start();
    }

    @Override
    String provider() {
        return "local";
    }

    @Override
    Map<UUID, Set<String>> inventory(Set<UUID> environments) throws SQLException {
        try (Connection c = database(); Statement q = c.createStatement()) {
            return group(q, "SELECT environment_id, id FROM local_cloud_resource WHERE environment_id IS NOT NULL");
        }
    }
}
