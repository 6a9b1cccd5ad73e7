package io.paddock;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of Paddock's own. Each key can also be given as an environment variable: upper case,
 * dots and dashes as underscores ({@code paddock.limits.max-body-size} is {@code PADDOCK_LIMITS_MAX_BODY_SIZE}).
 */
@ConfigMapping(prefix = "paddock")
public interface PaddockConfig {

    /** Full admin tokens ({@code *:*.<secret>}) that are created at start-up when absent. */
    Optional<List<String>> initAdminApiTokens();

    Db db();

    Limits limits();

    Cloud cloud();

    Aws aws();

    Catalog catalog();

    /** The PostgreSQL database that is Paddock's source of truth. */
    interface Db {
        @WithDefault("localhost")
        String host();

        @WithDefault("5432")
        int port();

        @WithDefault("paddock")
        String name();

        @WithDefault("paddock")
        String user();

        @WithDefault("paddock")
        String password();

        /** Connections in the reactive pool that serves requests. */
        @WithDefault("20")
        int poolSize();
    }

    interface Limits {
        /** Request bodies larger than this are refused with 413 PayloadTooLarge. */
        @WithDefault("1M")
        MemorySize maxBodySize();

        /** Live application environments one application may have; one more is refused with 403. */
        @WithDefault("10")
        int environmentsPerApplication();

        /** The largest docker-compose file POST /compose/validate reads (characters); a larger one is refused with 422. */
        @WithDefault("256K")
        MemorySize composeYamlMaxSize();

        /** The deepest nesting of collections a docker-compose file may have; deeper is refused with 422. */
        @WithDefault("32")
        int composeYamlMaxDepth();

        /** How many aliases (*name) to collections a docker-compose file may use; more (an alias bomb) is a 422. */
        @WithDefault("50")
        int composeYamlMaxAliases();
    }

    Environments environments();

    Reconciler reconciler();

    Idempotency idempotency();

    Audit audit();

    Events events();

    Operations operations();

    Operate operate();

    /** Reading and running a live environment: its logs, its metrics, one-off commands, shell and registry access. */
    interface Operate {
        /** The time range a logs or metrics call reads when it names none: the last hour by default. */
        @WithDefault("1h")
        Duration defaultRange();

        /** The widest time range one logs call may read; a wider one is refused (422, naming startTime). */
        @WithDefault("168h")
        Duration maxLogRange();

        /** The widest time range one metrics call may read (CloudWatch keeps one-minute datapoints for 15 days). */
        @WithDefault("360h")
        Duration maxMetricRange();

        /** How long shell credentials last (STS AssumeRole takes 15 minutes to 12 hours, as the role allows). */
        @WithDefault("15m")
        Duration shellSessionDuration();
    }

    /** Idempotency-Key handling on the create, update and delete calls. */
    interface Idempotency {
        /** How long a key and its first response are kept for replay. */
        @WithDefault("24h")
        Duration retention();

        /** After this, a key whose first request never finished (its replica died) may be used again. */
        @WithDefault("10m")
        Duration runningTimeout();
    }

    /** The audit trail of mutating requests. */
    interface Audit {
        /** How long an audit event is kept (90 days by default); older ones are removed in the background. */
        @WithDefault("2160h")
        Duration retention();

        /** How often old audit events are looked for. */
        @WithDefault("1h")
        Duration cleanupInterval();
    }

    /** Operations: every change of an application environment, with its steps, deadline and outcome. */
    interface Operations {
        /**
         * How long an operation may run; one still running then is stopped at its next step and undone like a
         * cancel, and ends TIMED_OUT.
         */
        @WithDefault("30m")
        Duration deadline();

        /** How long an ended operation is kept (also after its environment is deleted). */
        @WithDefault("720h")
        Duration retention();

        /** How often ended operations past their retention are looked for. */
        @WithDefault("1h")
        Duration cleanupInterval();
    }

    /** The stream of environments' status changes. */
    interface Events {
        /** How often each open stream looks for new events. */
        @WithDefault("500ms")
        Duration pollInterval();

        /** How often an idle stream sends a comment, so that proxies and load balancers keep it open. */
        @WithDefault("15s")
        Duration keepAlive();

        /** How long events are kept for streams that resume (Last-Event-ID). */
        @WithDefault("24h")
        Duration retention();
    }

    /** Crash safety: leases on environments with work in flight, and the reconciler that takes over expired ones. */
    interface Reconciler {
        /** How long a lease holds without renewal; a replica that dies loses its work to others after this. */
        @WithDefault("30s")
        Duration lease();

        /** How often the reconciler looks for environments whose lease ran out. */
        @WithDefault("15s")
        Duration interval();

        /** Environments one reconciler pass takes over at most. */
        @WithDefault("10")
        int batchSize();

        /** Whether the reconciler runs in this replica (it runs at start-up and then every interval). */
        @WithDefault("true")
        boolean enabled();

        /**
         * How long the reconciler waits before it tries an environment again after a failure that retrying may
         * cure; the wait doubles with every failure in a row, up to {@link #maxBackoff()}.
         */
        @WithDefault("15s")
        Duration initialBackoff();

        /** The longest wait between two tries of one environment. */
        @WithDefault("10m")
        Duration maxBackoff();

        /**
         * How many times in a row the reconciler tries to apply an interrupted change again before it puts the
         * environment back to what it ran before the change, and records the change as failed.
         */
        @WithDefault("5")
        int updateAttempts();
    }

    interface Environments {
        /**
         * How long a GET waits for the cloud provider's current counts before it answers with the stored
         * ones.
         */
        @WithDefault("500ms")
        Duration refreshTimeout();

        /**
         * How long the counts the provider reported for an environment's service are reused by later GETs
         * (of the environment, or of a list it is in) before the provider is asked again. Paddock forgets them
         * for an environment the moment it starts or settles work on it; only changes made outside Paddock (tasks
         * that stop on their own, scaling by the provider) show up this much later. 0 asks the provider on every
         * GET.
         */
        @WithDefault("3s")
        Duration statusCacheTtl();
    }

    interface Catalog {
        /**
         * How long a GET of one catalog environment reuses the projectCount it last counted, instead of counting
         * the stage's live application environments again (thousands of index entries for a busy stage). This
         * replica forgets a stage's count when it creates or deletes an application environment of it (and every
         * stage's when a create fails here); what other replicas create, delete or fail shows up this much later, and
         * the list of the catalog always counts. 0 counts on every GET.
         */
        @WithDefault("1s")
        Duration projectCountTtl();
    }

    /** Where environments are provisioned, and the shared infrastructure they attach to. */
    interface Cloud {
        /** {@code local} (the in-process simulated cloud) or {@code aws}. */
        @WithDefault("local")
        Provider provider();

        /** A provider call that has not answered after this long counts as failed. */
        @WithDefault("30s")
        Duration callTimeout();

        /**
         * How long a failed run waits for calls that timed out but may still answer before it undoes what the
         * ledger holds. A create that answers later than this is logged: its resource carries the environment's
         * tags but is not in the ledger.
         */
        @WithDefault("2m")
        Duration settleTimeout();

        @WithDefault("eu-west-1")
        String region();

        /** The ECS cluster services are created in. */
        @WithDefault("paddock")
        String cluster();

        /** The VPC security groups and target groups are created in. */
        @WithDefault("vpc-0a1b2c3d4e5f60718")
        String vpcId();

        /** The subnets tasks run in; the file system gets one mount target in each. */
        @WithDefault("subnet-0a1b2c3d4e5f60718")
        List<String> subnetIds();

        /** The shared load balancer's security group: the source of every ingress rule for an exposed port. */
        @WithDefault("sg-0a1b2c3d4e5f60718")
        String loadBalancerSecurityGroupId();

        /** The shared load balancer's HTTPS listener that gets one host-name rule per environment. */
        @WithDefault("arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/paddock/0a1b2c3d4e5f6071/8192a3b4c5d6e7f8")
        String listenerArn();

        /** Environments answer on {@code <envName>.<application>.<organisation>.<base-domain>}. */
        @WithDefault("apps.paddock.local")
        String baseDomain();

        Local local();

        /** How the CDN in front of the load balancer proves a request came through it, for origin protection. */
        OriginProtection originProtection();

        enum Provider {
            LOCAL,
            AWS
        }

        /**
         * A protected container's listener rules forward a request that carries this header with this value (the CDN
         * adds it to every request it sends to the origin); without a value, only its ipAllow ranges are forwarded.
         */
        interface OriginProtection {
            @WithDefault("X-Origin-Verify")
            String headerName();

            /** The secret the CDN sends; keep it out of the code and the logs. */
            Optional<String> headerValue();
        }

        /**
         * The simulated cloud. latency and fail-on set the initial values only: tests change them at run time
         * through {@code io.paddock.provisioning.local.LocalCloudSettings}.
         */
        interface Local {
            /** The account id in the ARNs the local cloud makes. */
            @WithDefault("123456789012")
            String accountId();

            /** How long every call takes. */
            @WithDefault("0s")
            Duration latency();

            /** Operation names (e.g. CreateService) that fail every time; absent means none. */
            Optional<List<String>> failOn();
        }
    }

    /**
     * The aws provider's settings. They have no local-friendly defaults on purpose: the simulated values of
     * {@code paddock.cloud.*} must never reach a real account. With {@code paddock.cloud.provider=aws}, a
     * required key that is missing stops start-up with a message naming it; with the local provider none is read.
     */
    interface Aws {
        /** Required: the region every client calls, e.g. eu-west-1. */
        Optional<String> region();

        /** One endpoint for every service (an emulator, a test double); absent means AWS's own endpoints. */
        Optional<URI> endpointOverride();

        /**
         * Static credentials, for emulators and tests only. When absent, the SDK's default chain is used
         * (environment, web identity, container and instance roles).
         */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** Required: the ECS cluster services are created in (name or ARN). */
        Optional<String> cluster();

        /** Required: the VPC security groups and target groups are created in. */
        Optional<String> vpcId();

        /** Required: the subnets tasks run in; the file system gets one mount target in each. */
        Optional<List<String>> subnetIds();

        /** Required: the shared load balancer's HTTPS listener that gets one host-name rule per environment. */
        Optional<String> listenerArn();

        /** Required: the shared load balancer's security group, the source of every ingress rule for a port. */
        Optional<String> loadBalancerSecurityGroupId();

        /** Required: environments answer on {@code <envName>.<application>.<organisation>.<base-domain>}. */
        Optional<String> baseDomain();

        /** Required: the role ECS pulls images, reads secrets and writes logs with. */
        Optional<String> executionRoleArn();

        /**
         * Required: the role EventBridge Scheduler assumes to run a cron job's task (ecs:RunTask on the
         * environments' task definitions, iam:PassRole for their execution and task roles, ecs:TagResource).
         */
        Optional<String> schedulerRoleArn();

        /**
         * The role shell access assumes (its trust policy must let Paddock's credentials assume it; its permissions
         * must allow ecs:ExecuteCommand on the environments' tasks); absent means shell access is refused.
         */
        Optional<String> shellRoleArn();

        /** The role the task's containers assume when the compose names none; absent means no task role. */
        Optional<String> taskRoleArn();

        /**
         * The task roles a compose may name (ARNs, {@code *} matching any run of characters): Paddock passes these
         * roles to ECS, so anything else is refused with a 400. Absent: only {@link #taskRoleArn()}.
         */
        Optional<List<String>> taskRoleArns();

        /** Required: internal images resolve to {@code <image-registry>/<organisation>/<application>:<tag>}. */
        Optional<String> imageRegistry();

        /** The POSIX user that owns each volume's root directory and that the access points act as. */
        @WithDefault("1000")
        long efsPosixUid();

        @WithDefault("1000")
        long efsPosixGid();

        /** Days the environments' CloudWatch log groups keep events. */
        @WithDefault("30")
        int logRetentionDays();

        /**
         * How long a create waits for an EFS file system or mount target to become available (60 to 90 s is usual
         * for a mount target). Such a wait is bounded by this, not by paddock.cloud.call-timeout.
         */
        @WithDefault("5m")
        Duration availabilityBudget();

        /**
         * How long teardown keeps trying a deletion AWS refuses because something still uses the resource
         * (DependencyViolation, ResourceInUse: a task's network interface that has not gone yet), and waits for a
         * service to go INACTIVE and for mount targets to be deleted.
         */
        @WithDefault("10m")
        Duration dependencyBudget();

        /** The target groups' deregistration delay: how long a stopping task keeps its in-flight requests. */
        @WithDefault("10s")
        Duration deregistrationDelay();

        OrphanSweep orphanSweep();

        /**
         * The periodic search for resources tagged with an environment that no longer exists in the database (a
         * create's answer lost to a crash after its environment was removed), and their removal.
         */
        interface OrphanSweep {
            /** How often one replica sweeps; 0 turns the sweep off. */
            @WithDefault("1h")
            Duration interval();

            /** Only find and count them (logged, and in paddock_orphan_resources_total{outcome="found"}). */
            @WithDefault("false")
            boolean dryRun();
        }

        /** Connections the shared HTTP client opens at most, across every AWS client. */
        @WithDefault("100")
        int maxConnections();

        Retry retry();

        /** Throttling, 5xx answers and transient refusals are retried with jittered exponential backoff. */
        interface Retry {
            @WithDefault("100ms")
            Duration initialBackoff();

            @WithDefault("5s")
            Duration maxBackoff();

            /** No retry starts after this long since the first attempt. Keep it below paddock.cloud.call-timeout. */
            @WithDefault("20s")
            Duration deadline();
        }
    }
}
