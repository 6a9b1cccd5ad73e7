package io.paddock.catalog;

import static io.paddock.testing.Api.asAdmin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.agroal.api.AgroalDataSource;
import io.paddock.testing.Api;

/** Helpers for the catalog's HTTP tests. */
final class CatalogTesting {

    static final String BASE = "/api/admin/environments";

    private CatalogTesting() {
    }

    /** A create body with the given fields; null values are left out. */
    static Map<String, Object> body(String name, String type, Boolean enabled, Integer sortOrder) {
        Map<String, Object> body = new HashMap<>();
        if (name != null) {
            body.put("name", name);
        }
        if (type != null) {
            body.put("type", type);
        }
        if (enabled != null) {
            body.put("enabled", enabled);
        }
        if (sortOrder != null) {
            body.put("sortOrder", sortOrder);
        }
        return body;
    }

    /** Creates an environment with a fresh name and returns the name. */
    static String createEnvironment(String prefix, String type, Integer sortOrder) {
        String name = Api.unique(prefix);
        asAdmin().body(body(name, type, null, sortOrder))
                .post(BASE)
                .then()
                .statusCode(201);
        return name;
    }

    /** Writes an application environment row directly, as the application-environments feature would. */
    static void insertApplicationEnvironment(AgroalDataSource dataSource, String organisation, String application,
            String envName, String status) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO application_environment (id, organisation, application, env_name, status,
                                min_capacity, max_capacity, desired_count, compose, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, 1, 1, 1, '{}', now(), now())
                        """)) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, organisation);
            insert.setString(3, application);
            insert.setString(4, envName);
            insert.setString(5, status);
            insert.executeUpdate();
        }
    }

    /** Sets the status of every application environment of this name. */
    static void setApplicationEnvironmentStatus(AgroalDataSource dataSource, String envName, String status)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE application_environment SET status = ? WHERE env_name = ?")) {
            update.setString(1, status);
            update.setString(2, envName);
            update.executeUpdate();
        }
    }
}
