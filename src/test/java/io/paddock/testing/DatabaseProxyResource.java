package io.paddock.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Puts a {@link TcpProxy} between Paddock and its test database, for tests that take the database away. */
public class DatabaseProxyResource implements QuarkusTestResourceLifecycleManager {

    public static volatile TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        proxy = new TcpProxy("localhost", Integer.parseInt(System.getenv().getOrDefault("PADDOCK_DB_PORT", "5432")));
        try {
            proxy.restore();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("could not start the database proxy", e);
        }
        return Map.of("paddock.db.port", String.valueOf(proxy.port()), "paddock.db.host", "127.0.0.1");
    }

    @Override
    public void stop() {
        try {
            proxy.cut();
        } catch (java.io.IOException ignored) {
            // closing
        }
    }
}
