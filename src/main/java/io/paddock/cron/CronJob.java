package io.paddock.cron;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A cron job of an application environment: what its schedule runs, and the schedule that runs it. */
@Entity
public class CronJob extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID environmentId;

    public String name;

    public String description;

    public String scheduleExpression;

    /** The command as a JSON array of strings. */
    public String command;

    public String targetContainerName;

    public boolean enabled;

    /** The provider's schedule name, deterministic from the environment id and the job name. */
    public String scheduleName;

    /** Null while the schedule is being created; such a job holds its name but is not shown. */
    public String scheduleArn;

    public OffsetDateTime createdAt;

    public OffsetDateTime updatedAt;

    @Version
    public int version;
}
