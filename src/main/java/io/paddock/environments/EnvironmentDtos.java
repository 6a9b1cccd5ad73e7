package io.paddock.environments;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.paddock.environments.Compose.EnvironmentVariable;
import io.paddock.environments.Compose.SpotConfiguration;
import io.paddock.errors.ApiError.Detail;
import io.paddock.provisioning.Provisioned;
import io.paddock.web.ValidatedRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Request and response bodies of the application environments API (Quant Cloud v3 dialect).
 * Registered for reflection with every nested record: some are {@code Response} entities, which the native
 * image does not find in the resource signatures.
 */
@RegisterForReflection
public final class EnvironmentDtos {

    /**
     * A new environment's name is the first label of its host name, so it is a valid host name label: lower-case
     * letters, digits and hyphens, at most 63 characters, starting and ending with a letter or digit. Names are
     * unique in an application regardless of case.
     */
    public static final String ENV_NAME = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";
    static final String ENV_NAME_MESSAGE = "must be a host name label: 1-63 lower-case letters, digits and -, starting and "
            + "ending with a letter or digit (it is the first label of the environment's host name), e.g. \"staging\"";
    /** An existing environment's name, which may predate the host label rule. */
    static final String ENV_NAME_REFERENCE = "^[a-zA-Z0-9_-]{1,63}$";
    static final String ENV_NAME_REFERENCE_MESSAGE = "must be 1-63 letters, digits, _ or -";
    static final String IMAGE_SUFFIX = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
    static final String IMAGE_SUFFIX_MESSAGE = "must be lower-case letters, digits and -, starting and ending with a letter or digit";

    private EnvironmentDtos() {
    }

    @Schema(name = "createEnvironment_request", description = "Send composeDefinition, or cloneConfigurationFrom to copy "
            + "another environment's compose; not both.")
    public record CreateEnvironmentRequest(
            @Schema(description = "Environment name (e.g. 'staging', 'development'): a host name label, unique in the "
                    + "application regardless of case", pattern = ENV_NAME, maxLength = 63)
            @NotNull(message = "is required; send the environment's name, e.g. \"staging\"")
            @Pattern(regexp = ENV_NAME, message = ENV_NAME_MESSAGE) String envName,
            @Schema(description = "Minimum number of tasks; overrides composeDefinition.minCapacity", minimum = "0")
            Integer minCapacity,
            @Schema(description = "Maximum number of tasks; overrides composeDefinition.maxCapacity", minimum = "1")
            Integer maxCapacity,
            @Schema(description = "Clone configuration from an existing environment of the same application")
            @Pattern(regexp = ENV_NAME_REFERENCE, message = "must name an environment of this application: "
                    + ENV_NAME_REFERENCE_MESSAGE)
            String cloneConfigurationFrom,
            @Valid Compose composeDefinition,
            @Schema(description = "Image tag suffix: replaces the text after the last '-' of each internal image tag", pattern = IMAGE_SUFFIX)
            @Pattern(regexp = IMAGE_SUFFIX, message = IMAGE_SUFFIX_MESSAGE) String imageSuffix,
            @Valid SpotConfiguration spotConfiguration,
            @Schema(description = "The environment's variables (see the variables operations), injected into every "
                    + "container; a container's own value of a name wins. With cloneConfigurationFrom they replace the "
                    + "cloned environment's variables, or are merged into them (mergeEnvironment)", nullable = true)
            List<@Valid @NotNull(message = "must be an object with name and value, not null") EnvironmentVariable> environment,
            @Schema(description = "With cloneConfigurationFrom: true merges environment into the cloned variables (a name "
                    + "in both takes the value sent), false replaces them. Without environment the cloned variables are "
                    + "kept either way", defaultValue = "false", nullable = true)
            Boolean mergeEnvironment) implements ValidatedRequest {

        @Override
        public List<Detail> problems() {
            List<Detail> problems = new ArrayList<>();
            problems.addAll(VariableNames.problems(environment, "/environment"));
            if (composeDefinition == null && cloneConfigurationFrom == null) {
                problems.add(new Detail("/composeDefinition",
                        "is required unless cloneConfigurationFrom names an environment to copy; send one of them"));
            }
            if (composeDefinition != null && cloneConfigurationFrom != null) {
                problems.add(new Detail("/cloneConfigurationFrom",
                        "cannot be combined with composeDefinition; send one of them"));
            }
            problems.addAll(ComposeValidator.requestProblems(composeDefinition, minCapacity, maxCapacity));
            return problems;
        }
    }

    @Schema(name = "updateEnvironment_request")
    public record UpdateEnvironmentRequest(
            @NotNull(message = "is required; send the whole compose definition the environment should run")
            @Valid Compose composeDefinition,
            @Schema(description = "Minimum number of tasks; merged into composeDefinition", minimum = "0", nullable = true)
            Integer minCapacity,
            @Schema(description = "Maximum number of tasks; merged into composeDefinition", minimum = "1", nullable = true)
            Integer maxCapacity) implements ValidatedRequest {

        @Override
        public List<Detail> problems() {
            return ComposeValidator.requestProblems(composeDefinition, minCapacity, maxCapacity);
        }
    }

    @Schema(name = "updateEnvironmentState_request")
    public record UpdateStateRequest(
            @Schema(enumeration = { "start", "stop", "redeploy" })
            @NotNull(message = "is required; send start, stop or redeploy")
            @Pattern(regexp = "start|stop|redeploy", message = "must be start, stop or redeploy") String action,
            @Schema(description = "With redeploy: the tag every internal image is deployed with")
            @Pattern(regexp = "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$",
                    message = "must be an image tag: up to 128 letters, digits, _ . -, not starting with . or -") String imageTag)
            implements ValidatedRequest {

        @Override
        public List<Detail> problems() {
            if (imageTag != null && action != null && !"redeploy".equals(action)) {
                return List.of(new Detail("/imageTag", "applies only to the redeploy action; leave it out for " + action));
            }
            return List.of();
        }
    }

    /** The deployment statuses of Quant's contract: how the environment's latest create or change went. */
    public static final String COMPLETED = "COMPLETED";
    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String FAILED = "FAILED";
    /** deploymentFailureType when a create failed and was rolled back (the environment is FAILED). */
    public static final String CREATE_FAILED = "CREATE_FAILED";
    /** deploymentFailureType when a change failed and what ran before it was put back (ACTIVE or STOPPED). */
    public static final String CHANGE_FAILED = "CHANGE_FAILED";

    @Schema(name = "EnvironmentResponse", description = "An application environment and what was provisioned for it")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EnvironmentView(
            @Schema(description = "Paddock's own: the environment's id, which the commands calls name it by "
                    + "(/api/v3/organizations/{organisation}/environments/{id}/commands)") String id,
            String envName,
            @Schema(enumeration = { "CREATING", "ACTIVE", "UPDATING", "STOPPED", "FAILED", "DELETING" }) String status,
            int runningCount,
            int desiredCount,
            int minCapacity,
            int maxCapacity,
            @Schema(description = "Public IP address for SSH access; Paddock's tasks have none, so always null",
                    nullable = true)
            @JsonInclude(JsonInclude.Include.ALWAYS) String publicIpAddress,
            @Schema(description = "How the environment's latest create or change went: IN_PROGRESS while it is "
                    + "CREATING, UPDATING or DELETING; FAILED when it failed (and was rolled back); else COMPLETED",
                    enumeration = { COMPLETED, IN_PROGRESS, FAILED }) String deploymentStatus,
            @Schema(description = "With FAILED: CREATE_FAILED (the create was rolled back, the environment is FAILED) "
                    + "or CHANGE_FAILED (a change was undone, the environment runs what it ran before); else null",
                    nullable = true, enumeration = { CREATE_FAILED, CHANGE_FAILED })
            @JsonInclude(JsonInclude.Include.ALWAYS) String deploymentFailureType,
            @Schema(description = "With FAILED: why, as recorded (the failed step and the provider's message); else null",
                    nullable = true)
            @JsonInclude(JsonInclude.Include.ALWAYS) String deploymentFailureReason,
            @Schema(description = "Paddock's own: the environment this one was cloned from") String cloneConfigurationFrom,
            @Schema(description = "Paddock's own: the image tag suffix it was cloned with", pattern = IMAGE_SUFFIX) String imageSuffix,
            Provisioned.TaskDefinitionRef taskDefinition,
            Provisioned.ServiceRef service,
            Provisioned.LoadBalancerRef loadBalancer,
            Provisioned.SecurityGroupRef securityGroup,
            Provisioned.SubnetRef subnet,
            Provisioned.VpcRef vpc,
            @Schema(description = "The names of the compose's containers, in its order") List<String> containerNames,
            List<VolumeView> volumes,
            List<CronView> cron,
            AlbRouting albRouting,
            @Schema(format = "date-time") String createdAt,
            @Schema(format = "date-time") String updatedAt) {
    }

    @Schema(name = "AlbRouting", description = "How the shared load balancer routes to the environment: requests whose "
            + "Host header is one of hostHeaders go, through the listener rule and the target group, to containerPort of "
            + "containerName; absent when no container exposes a port")
    public record AlbRouting(
            List<String> hostHeaders,
            String containerName,
            int containerPort,
            String listenerRuleArn,
            String targetGroupArn) {

        public static AlbRouting of(Provisioned.LoadBalancerRef lb) {
            return lb == null ? null : new AlbRouting(List.of(lb.hostname()), lb.containerName(), lb.containerPort(),
                    lb.listenerRuleArn(), lb.targetGroupArn());
        }
    }

    /** A time as Quant's contract writes it: RFC 3339, always with seconds (OffsetDateTime's text leaves zero ones out). */
    public static String timestamp(OffsetDateTime time) {
        return time == null ? null : time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    @Schema(name = "Volume")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VolumeView(
            @Schema(description = "The volume's id (its access point id)") String volumeId,
            String volumeName,
            String description,
            @Schema(description = "The environment's EFS file system id") String environmentEfsId,
            String createdAt,
            String rootDirectory,
            String accessPointId,
            String accessPointArn) {

        public static VolumeView of(Provisioned.VolumeRef v) {
            return new VolumeView(v.accessPointId(), v.volumeName(), v.description(), v.fileSystemId(),
                    timestamp(v.createdAt()), v.rootDirectory(), v.accessPointId(),
                    v.accessPointArn());
        }
    }

    @Schema(name = "Cron", description = "A cron job as the environment body lists it")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CronView(
            String name,
            @Schema(nullable = true) String description,
            String scheduleExpression,
            @Schema(description = "The command's arguments") List<String> command,
            String targetContainerName,
            @JsonProperty("isEnabled") boolean isEnabled) {
    }
}
