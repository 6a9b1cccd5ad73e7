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

    /** The ARN the local cloud gives a job's schedule. */
    public static String localScheduleArn(UUID environmentId, String job) {
        return "arn:aws:scheduler:eu-west-1:123456789012:schedule/default/paddock-"
                + environmentId.toString().substring(0, 8) + "-" + job;
    }

    /** Moves a simulated schedule's start back by that many seconds, as if they had passed. */
    public void shiftSchedule(String scheduleArn, long seconds) {
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("UPDATE local_cloud_resource SET attributes = attributes"
                        + " || jsonb_build_object('anchor', (attributes ->> 'anchor')::bigint - ?,"
                        + " 'firedThrough', (attributes ->> 'firedThrough')::bigint - ?) WHERE id = ?")) {
            q.setLong(1, seconds * 1000);
            q.setLong(2, seconds * 1000);
            q.setString(3, scheduleArn);
            if (q.executeUpdate() != 1) {
                throw new IllegalStateException("no simulated schedule " + scheduleArn);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
