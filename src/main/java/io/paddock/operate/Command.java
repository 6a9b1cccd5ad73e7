package io.paddock.operate;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
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

    @Column(name = "environment_id", nullable = false)
    public UUID environmentId;

    /** The command as it was sent: the script the container's shell runs. */
    @Column(nullable = false)
    public String command;

    @Column(name = "container_name", nullable = false)
    public String containerName;

    /** Where its container writes: the environment's log group when it ran. */
    @Column(name = "log_group", nullable = false)
    public String logGroup;

    @Column(nullable = false)
    public String cluster;

    /** Null until the provider has started the task. */
    @Column(name = "task_arn")
    public String taskArn;

    /** PENDING, RUNNING, SUCCEEDED or FAILED. */
    @Column(nullable = false)
    public String status;

    @Column(name = "exit_code")
    public Integer exitCode;

    @Column(name = "stopped_reason")
    public String stoppedReason;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "ended_at")
    public OffsetDateTime endedAt;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    boolean finished() {
        return "SUCCEEDED".equals(status) || "FAILED".equals(status);
    }

    /** The task id: the last segment of its ARN. */
    String taskId() {
        return taskArn == null ? null : taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }
}
