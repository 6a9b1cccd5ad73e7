package io.paddock.environments;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An application environment as stored: its settings, its compose, and what the provider made. */
@Entity
public class ApplicationEnvironment extends PanacheEntityBase {

    @Id
    public UUID id;

    public String organisation;

    public String application;

    public String envName;

    @Enumerated(EnumType.STRING)
    public EnvironmentStatus status;

    public int minCapacity;

    public int maxCapacity;

    public int desiredCount;

    public int runningCount;

    public String cloneConfigurationFrom;

    public String imageSuffix;

    /** The validated, defaulted compose definition as JSON. */
    public String compose;

    /**
     * The environment's own variables as a JSON array of {@code {name, value}}, in the order they were set: injected
     * into every container of its task definition (see {@link ProvisioningPlans}). Their values are never logged.
     */
    public String variables = "[]";

    /** What the provider made ({@link io.paddock.provisioning.Provisioned}) as JSON; null until provisioned. */
    public String provisioned;

    /** The environment's target tracking scaling policies as a JSON array, one per metric. */
    public String scalingPolicies = "[]";

    /** Why the last operation failed, for the log and operators; null when it did not. */
    public String failure;

    /** The reconciler met a failure that retrying does not cure, recorded in {@link #failure}, and stopped. */
    public boolean failureTerminal;

    public OffsetDateTime createdAt;

    public OffsetDateTime updatedAt;

    /** The replica working on this environment while it is CREATING, UPDATING or DELETING. */
    public String leaseOwner;

    /** Until when the lease holds; past it, any replica's reconciler may take the work over. */
    public OffsetDateTime leaseExpiresAt;

    /** The fencing token of the lease: new with every holder; every outcome write names it. */
    public UUID leaseToken;

    /** What the environment ran before the change it is UPDATING for (see {@link Claim.Before}). */
    public String previousCompose;

    public Integer previousMinCapacity;

    public Integer previousMaxCapacity;

    public String previousVariables;

    /** How many times in a row the reconciler failed to make the environment whole. */
    public int attempts;

    @Version
    public int version;
}
