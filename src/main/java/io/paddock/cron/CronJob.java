package io.paddock.cron;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A cron job of an application environment: what its schedule runs, and the schedule that runs it. */
@Entity
@Table(name = "cron_job")
public class CronJob extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "environment_id", nullable = false)
    public UUID environmentId;

    @Column(nullable = false)
    public String name;

    public String description;

    @Column(name = "schedule_expression", nullable = false)
    public String scheduleExpression;

    /** The command as a JSON array of strings. */
    @Column(nullable = false)
    public String command;

    @Column(name = "target_container_name", nullable = false)
    public String targetContainerName;

    @Column(nullable = false)
    public boolean enabled;

    /** The provider's schedule name, deterministic from the environment id and the job name. */
    @Column(name = "schedule_name", nullable = false)
    public String scheduleName;

    /** Null while the schedule is being created; such a job holds its name but is not shown. */
    @Column(name = "schedule_arn")
    public String scheduleArn;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public int version;
}
