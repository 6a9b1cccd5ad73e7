package io.paddock.operate;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A one-off command run in an environment: its task, and how the task went as the provider last said. */
@Entity
@Table(name = "environment_command")
public class Command extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID environmentId;

    /** The command as it was sent: the script the container's shell runs. */
    public String command;

    public String containerName;

    /** Where its container writes: the environment's log group when it ran. */
    public String logGroup;

    public String cluster;

    /** Null until the provider has started the task. */
    public String taskArn;

    /** PENDING, RUNNING, SUCCEEDED or FAILED. */
    public String status;

    public Integer exitCode;

    public String stoppedReason;

    public OffsetDateTime startedAt;

    public OffsetDateTime endedAt;

    public OffsetDateTime createdAt;

    boolean finished() {
        return "SUCCEEDED".equals(status) || "FAILED".equals(status);
    }

    /** The task id: the last segment of its ARN. */
    String taskId() {
        return taskArn == null ? null : taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }
}
