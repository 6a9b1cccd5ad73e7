package io.paddock.environments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.paddock.environments.ScalingPolicyDtos.ScalingPolicyRequest;
import io.paddock.environments.ScalingPolicyDtos.ScalingPolicyView;
import io.paddock.errors.ApiException;
import io.paddock.provisioning.Provisioning;
import io.paddock.provisioning.ScalingMetric;
import io.paddock.provisioning.ScalingPolicyPlan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * An environment's target tracking scaling policies, one per metric. A change claims the environment like any
 * other change (see {@link EnvironmentService#change}): the provider is called outside any transaction, and the
 * policies are stored with the environment's status only once the provider has answered, so a refused put or
 * delete stores nothing.
 */
@ApplicationScoped
public class ScalingPolicyService {

    private final ApplicationEnvironmentRepository repository;
    private final EnvironmentService environments;
    private final Provisioning provisioning;
    private final StoredJson json;

    ScalingPolicyService(ApplicationEnvironmentRepository repository, EnvironmentService environments,
            Provisioning provisioning, StoredJson json) {
        this.repository = repository;
        this.environments = environments;
        this.provisioning = provisioning;
        this.json = json;
    }

    public Uni<List<ScalingPolicyView>> list(String organisation, String application, String envName) {
        return Panache.withSession(() -> repository.findVisible(organisation, application, envName))
                .map(env -> json.scalingPolicies(EnvironmentService.found(env, application, envName).scalingPolicies));
    }

    /** Puts the policy for the request's metric, replacing the one the environment has for it. */
    public Uni<ScalingPolicyView> put(String organisation, String application, String envName, ScalingPolicyRequest request) {
        ScalingMetric metric = request.scalingMetric();
        ScalingPolicyView policy = new ScalingPolicyView(metric.policyName(), metric.apiName(), request.targetValue(),
                request.scaleIn(), request.scaleOut());
        ScalingPolicyPlan plan = new ScalingPolicyPlan(metric, policy.targetValue(), policy.scaleInCooldownSeconds(),
                policy.scaleOutCooldownSeconds());
        return environments.change(organisation, application, envName, "given a scaling policy", env -> {
            if (env.status != EnvironmentStatus.ACTIVE) {
                throw ApiException.conflict("EnvironmentNotActiveError", "Environment " + envName + " is "
                        + env.status + "; scaling policies are put on ACTIVE environments only. Start it first.");
            }
            if (metric == ScalingMetric.RPS && environments.readProvisioned(env).loadBalancer() == null) {
                throw ApiException.validation("/metric", "cannot be RPS: environment " + envName
                        + " exposes no port, so the load balancer counts no requests for it; send CPUUtilization or"
                        + " MemoryUtilization, or expose a port with an environment update first");
            }
        }, env -> provisioning.putScalingPolicy(env.id, environments.readProvisioned(env), plan),
                (stored, made) -> stored.scalingPolicies = json.write(withPolicy(json.scalingPolicies(stored.scalingPolicies),
                        policy)))
                .replaceWith(policy);
    }

    /** Deletes the policy of that name; the environment must be ACTIVE or STOPPED. */
    public Uni<Void> delete(String organisation, String application, String envName, String policyName) {
        return environments.change(organisation, application, envName, "changed", env -> {
            if (json.scalingPolicies(env.scalingPolicies).stream().noneMatch(p -> p.policyName().equals(policyName))) {
                throw ApiException.notFound("Environment " + envName + " has no scaling policy named " + policyName
                        + ". GET its scaling-policies to see their names.");
            }
        }, env -> provisioning.deleteScalingPolicy(env.id, environments.readProvisioned(env),
                ScalingMetric.byPolicyName(policyName).orElseThrow()),
                (stored, ignored) -> stored.scalingPolicies = json.write(json.scalingPolicies(stored.scalingPolicies)
                        .stream().filter(p -> !p.policyName().equals(policyName)).toList()));
    }

    /** The policies with this one in place of the one of its metric, in the order of the metrics. */
    private static List<ScalingPolicyView> withPolicy(List<ScalingPolicyView> policies, ScalingPolicyView policy) {
        List<ScalingPolicyView> result = new ArrayList<>(policies.stream()
                .filter(p -> !p.metric().equals(policy.metric()))
                .toList());
        result.add(policy);
        result.sort(Comparator.comparingInt(p -> ScalingMetric.byApiName(p.metric()).orElseThrow().ordinal()));
        return result;
    }
}
