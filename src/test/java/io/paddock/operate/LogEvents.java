package io.paddock.operate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

/** The local provider's log events as stored, for tests. */
@ApplicationScoped
public class LogEvents {

    @Inject
    AgroalDataSource db;

    public long count(String logGroup) {
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT count(*) FROM local_cloud_log_event WHERE log_group = ?")) {
            statement.setString(1, logGroup);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
