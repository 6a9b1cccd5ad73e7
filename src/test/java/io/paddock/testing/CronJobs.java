package io.paddock.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/** Cron job request bodies, and the cron_job rows an environment has, for the cron tests. */
@ApplicationScoped
public class CronJobs {

    private final AgroalDataSource db;

    CronJobs(AgroalDataSource db) {
        this.db = db;
    }

    public static Map<String, Object> job(String name, String expression, String... command) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("scheduleExpression", expression);
        body.put("command", List.of(command));
        return body;
    }

    /** Every cron_job row of the environment, shown or still reserved by a create. */
    public long rows(UUID environmentId) {
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT count(*) FROM cron_job WHERE environment_id = ?")) {
            q.setObject(1, environmentId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
