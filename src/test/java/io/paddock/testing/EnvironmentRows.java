package io.paddock.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/** Direct reads and writes of application environment rows, for tests that set up or check stored state. */
@ApplicationScoped
public class EnvironmentRows {

    private final AgroalDataSource db;

    EnvironmentRows(AgroalDataSource db) {
        this.db = db;
    }

    /** The id of the newest environment of that name in organisation acme. */
    public UUID id(String application, String envName) {
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT id FROM application_environment "
                        + "WHERE organisation = 'acme' AND application = ? AND env_name = ? ORDER BY created_at DESC LIMIT 1")) {
            q.setString(1, application);
            q.setString(2, envName);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no environment " + envName + " in application " + application);
                }
                return rs.getObject(1, UUID.class);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean exists(UUID id) {
        return string(id, "id") != null;
    }

    /** One column of the row as text, or null when the row (or the value) is absent. */
    public String string(UUID id, String column) {
        if (!column.matches("[a-z_]+")) {
            throw new IllegalArgumentException(column);
        }
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT " + column + "::text FROM application_environment WHERE id = ?")) {
            q.setObject(1, id);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes the row look as a replica that died while working on it would have left it: its lease (with a fencing
     * token no replica of this test holds) ran out a minute ago, or runs for ten more.
     */
    public void abandon(UUID id, String status, boolean leaseExpired) {
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("UPDATE application_environment SET status = ?, "
                        + "lease_owner = 'replica-that-died', lease_token = gen_random_uuid(), lease_expires_at = now() + ?::interval "
                        + "WHERE id = ?")) {
            q.setString(1, status);
            q.setString(2, leaseExpired ? "-1 minute" : "10 minutes");
            q.setObject(3, id);
            q.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Inserts an environment of organisation acme in {@code status}, leased by a replica that is not this one with
     * {@code leaseToken} until one minute ago or from now; last changed long ago, so a take-over finds it first.
     */
    public UUID seed(String application, String envName, String status, UUID leaseToken, boolean leaseExpired) {
        UUID id = UUID.randomUUID();
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("INSERT INTO application_environment (id, organisation, "
                        + "application, env_name, status, min_capacity, max_capacity, desired_count, compose, created_at, "
                        + "updated_at, lease_owner, lease_expires_at, lease_token) VALUES (?, 'acme', ?, ?, ?, 1, 2, 1, "
                        + "'{\"containers\": []}', now(), '2000-01-01T00:00:00Z', 'another-replica', now() + ?::interval, ?)")) {
            q.setObject(1, id);
            q.setString(2, application);
            q.setString(3, envName);
            q.setString(4, status);
            q.setString(5, leaseExpired ? "-1 minute" : "10 minutes");
            q.setObject(6, leaseToken);
            q.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    /** Whether the database's environment_is_live says that status is live. */
    public boolean liveInTheDatabase(String status) {
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT environment_is_live(?)")) {
            q.setString(1, status);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes the rows, whatever their status, and their ledgers. */
    public void remove(UUID... ids) {
        try (Connection c = db.getConnection();
                PreparedStatement ledger = c.prepareStatement("DELETE FROM provisioned_resource WHERE environment_id = ANY(?)");
                PreparedStatement q = c.prepareStatement("DELETE FROM application_environment WHERE id = ANY(?)")) {
            ledger.setArray(1, c.createArrayOf("uuid", ids));
            ledger.executeUpdate();
            q.setArray(1, c.createArrayOf("uuid", ids));
            q.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records a resource in the environment's ledger, as a rollback that could not delete it leaves it. */
    public void leaveInLedger(UUID id) {
        update("INSERT INTO provisioned_resource (environment_id, kind, provider, provider_id, name) "
                + "VALUES (?, 'SECURITY_GROUP', 'local', 'sg-left-' || substr(md5(random()::text), 1, 8), 'left')", id);
    }

    /** Makes the row look as a replica that died right after claiming it for an update to {@code compose} would. */
    public void interruptUpdate(UUID id, String compose) {
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("UPDATE application_environment SET status = 'UPDATING', "
                        + "previous_compose = compose, previous_min_capacity = min_capacity, "
                        + "previous_max_capacity = max_capacity, compose = ?, lease_owner = 'replica-that-died', "
                        + "lease_token = gen_random_uuid(), lease_expires_at = now() - interval '1 minute' WHERE id = ?")) {
            q.setString(1, compose);
            q.setObject(2, id);
            q.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The reconciler has failed {@code attempts} times in a row, and may try again now. */
    public void failedTries(UUID id, int attempts) {
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("UPDATE application_environment SET attempts = ?, "
                        + "lease_expires_at = now() - interval '1 second' WHERE id = ?")) {
            q.setInt(1, attempts);
            q.setObject(2, id);
            q.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Seconds until the row's lease runs out (negative once it has). */
    public double leaseSecondsLeft(UUID id) {
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT extract(epoch FROM lease_expires_at - now()) "
                        + "FROM application_environment WHERE id = ?")) {
            q.setObject(1, id);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, UUID id) {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, id);
            q.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Removes what other tests left for a reconciler (environments with work in flight whose lease ran out, and
     * failed ones with leftovers in their ledger), with their ledgers: a reconciler test then meets its own only.
     */
    public void clearStranded() {
        try (Connection c = db.getConnection();
                PreparedStatement ledger = c.prepareStatement("DELETE FROM provisioned_resource WHERE environment_id IN ("
                        + "SELECT id FROM application_environment WHERE status IN ('CREATING', 'UPDATING', 'DELETING', "
                        + "'FAILED') AND (lease_expires_at IS NULL OR lease_expires_at < now() + interval '1 hour'))");
                PreparedStatement rows = c.prepareStatement("DELETE FROM application_environment WHERE status IN "
                        + "('CREATING', 'UPDATING', 'DELETING') AND (lease_expires_at IS NULL OR lease_expires_at < now() "
                        + "+ interval '1 hour')")) {
            ledger.executeUpdate();
            rows.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
