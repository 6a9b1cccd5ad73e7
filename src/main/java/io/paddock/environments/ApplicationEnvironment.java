package io.paddock.environments;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An application environment as stored: its settings, its compose, and what the provider made. */
@Entity
@Table(name = "application_environment")
public class ApplicationEnvironment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String organisation;

    @Column(nullable = false)
    public String application;

    @Column(name = "env_name", nullable = false)
    public String envName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EnvironmentStatus status;

    @Column(name = "min_capacity", nullable = false)
    public int minCapacity;

    @Column(name = "max_capacity", nullable = false)
    public int maxCapacity;

    @Column(name = "desired_count", nullable = false)
    public int desiredCount;

    @Column(name = "running_count", nullable = false)
    public int runningCount;

    @Column(name = "clone_configuration_from")
    public String cloneConfigurationFrom;

    @Column(name = "image_suffix")
    public String imageSuffix;

    /** The validated, defaulted compose definition as JSON. */
    @Column(nullable = false)
    public String compose;

    /**
     * The environment's own variables as a JSON array of {@code {name, value}}, in the order they were set: injected
     * into every container of its task definition (see {@link ProvisioningPlans}). Their values are never logged.
     */
    @Column(nullable = false)
    public String variables = "[]";

    /** What the provider made ({@link io.paddock.provisioning.Provisioned}) as JSON; null until provisioned. */
    public String provisioned;

    /** The environment's target tracking scaling policies as a JSON array, one per metric. */
    @Column(name = "scaling_policies", nullable = false)
    public String scalingPolicies = "[]";

    /** Why the last operation failed, for the log and operators; null when it did not. */
    public String failure;

    /** The reconciler met a failure that retrying does not cure, recorded in {@link #failure}, and stopped. */
    @Column(name = "failure_terminal", nullable = false)
    public boolean failureTerminal;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The replica working on this environment while it is CREATING, UPDATING or DELETING. */
    @Column(name = "lease_owner")
    public String leaseOwner;

    /** Until when the lease holds; past it, any replica's reconciler may take the work over. */
    @Column(name = "lease_expires_at")
    public OffsetDateTime leaseExpiresAt;

    /** The fencing token of the lease: new with every holder; every outcome write names it. */
    @Column(name = "lease_token")
    public UUID leaseToken;

    /** What the environment ran before the change it is UPDATING for (see {@link Claim.Before}). */
    @Column(name = "previous_compose")
    public String previousCompose;

    @Column(name = "previous_min_capacity")
    public Integer previousMinCapacity;

    @Column(name = "previous_max_capacity")
    public Integer previousMaxCapacity;

    @Column(name = "previous_variables")
    public String previousVariables;

    /** How many times in a row the reconciler failed to make the environment whole. */
    @Column(nullable = false)
    public int attempts;

    @Version
    public int version;
}
