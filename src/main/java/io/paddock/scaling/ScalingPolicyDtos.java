package io.paddock.scaling;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.paddock.errors.ApiError.Detail;
import io.paddock.provisioning.ScalingMetric;
import io.paddock.web.ValidatedRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Request and response bodies of the scaling policies API (Quant Cloud v3 dialect). Registered for reflection with
 * the nested records: the view is also stored as JSON in the environment row and read back by the ObjectMapper.
 */
@RegisterForReflection
public final class ScalingPolicyDtos {

    /** Application Auto Scaling takes longer cooldowns, but past an hour a policy no longer follows its metric. */
    public static final int MAX_COOLDOWN_SECONDS = 3600;
    public static final int DEFAULT_SCALE_IN_COOLDOWN_SECONDS = 300;
    public static final int DEFAULT_SCALE_OUT_COOLDOWN_SECONDS = 60;
    static final String METRICS = "CPUUtilization|MemoryUtilization|RPS";
    static final String METRIC_MESSAGE = "must be CPUUtilization, MemoryUtilization or RPS";
    /** A name Application Auto Scaling takes that also stands as a path segment. */
    static final String POLICY_NAME = "^[a-zA-Z0-9_.-]{1,255}$";
    static final String POLICY_NAME_MESSAGE = "must be 1-255 letters, digits, _ . or -";
    static final String COOLDOWN_MESSAGE = "must be a whole number of seconds from 0 to " + MAX_COOLDOWN_SECONDS;

    private ScalingPolicyDtos() {
    }

    @Schema(name = "SetScalingPolicyRequest", description = "A target tracking policy: the service's desired count "
            + "follows the metric towards targetValue, between the environment's minCapacity and maxCapacity. One "
            + "policy per metric.")
    public record ScalingPolicyRequest(
            @Schema(enumeration = { "CPUUtilization", "MemoryUtilization", "RPS" }, description = "CPUUtilization and "
                    + "MemoryUtilization: the service's average, in percent; RPS: requests per task per minute at the "
                    + "load balancer (needs an exposed port)")
            @NotNull(message = "is required; send CPUUtilization, MemoryUtilization or RPS")
            @Pattern(regexp = METRICS, message = METRIC_MESSAGE) String metric,
            @Schema(description = "The value to hold the metric at: more than 0; at most 100 for the utilisation metrics, "
                    + "at most 1000000 for RPS")
            @NotNull(message = "is required; send the value the metric should be held at, e.g. 70") Double targetValue,
            @Schema(defaultValue = "300", minimum = "0", maximum = "3600",
                    description = "Seconds after a scale-in before the next scale-in")
            @Min(value = 0, message = COOLDOWN_MESSAGE) @Max(value = MAX_COOLDOWN_SECONDS, message = COOLDOWN_MESSAGE)
            Integer scaleInCooldownSeconds,
            @Schema(defaultValue = "60", minimum = "0", maximum = "3600",
                    description = "Seconds after a scale-out before the next scale-out")
            @Min(value = 0, message = COOLDOWN_MESSAGE) @Max(value = MAX_COOLDOWN_SECONDS, message = COOLDOWN_MESSAGE)
            Integer scaleOutCooldownSeconds) implements ValidatedRequest {

        @Override
        public List<Detail> problems() {
            List<Detail> problems = new ArrayList<>();
            if (targetValue != null) {
                ScalingMetric known = metric == null ? null : ScalingMetric.byApiName(metric).orElse(null);
                if (!Double.isFinite(targetValue) || targetValue <= 0) {
                    problems.add(new Detail("/targetValue", "must be a number more than 0"));
                } else if (known != null && targetValue > known.maxTargetValue()) {
                    problems.add(new Detail("/targetValue", known == ScalingMetric.RPS
                            ? "must be at most 1000000 requests per task per minute"
                            : "must be at most 100: " + metric + " is a percentage"));
                }
            }
            return problems;
        }

        ScalingMetric scalingMetric() {
            return ScalingMetric.byApiName(metric).orElseThrow();
        }

        int scaleIn() {
            return scaleInCooldownSeconds == null ? DEFAULT_SCALE_IN_COOLDOWN_SECONDS : scaleInCooldownSeconds;
        }

        int scaleOut() {
            return scaleOutCooldownSeconds == null ? DEFAULT_SCALE_OUT_COOLDOWN_SECONDS : scaleOutCooldownSeconds;
        }
    }

    @Schema(name = "GetScalingPolicyResponse", description = "A scaling policy as the environment has it, with its name "
            + "(what DELETE .../scaling-policies?policyName= takes)")
    public record ScalingPolicyView(
            @Schema(description = "The Application Auto Scaling policy's name: the one PUT was given with ?policyName=, "
                    + "else derived from the metric", examples = "paddock-cpu-utilization") String policyName,
            @Schema(enumeration = { "CPUUtilization", "MemoryUtilization", "RPS" }) String metric,
            @Schema(format = "double") double targetValue,
            int scaleInCooldownSeconds,
            int scaleOutCooldownSeconds,
            @Schema(nullable = true, description = "For RPS: the load balancer's resource label of the environment's "
                    + "target group (app/<load-balancer>/<id>/targetgroup/<target-group>/<id>); null for the other metrics")
            String resourceLabel) {
    }

    @Schema(name = "ScalingPolicyListResponse", description = "An environment's scaling policies, in metric order")
    public record ScalingPolicyList(List<ScalingPolicyView> policies) {
    }
}
