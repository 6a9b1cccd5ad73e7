package io.paddock.scaling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.environments.ApplicationEnvironment;
import io.paddock.environments.Change;
import io.paddock.environments.EnvironmentChanges;
import io.paddock.environments.EnvironmentKey;
import io.paddock.environments.EnvironmentViews;
import io.paddock.environments.Outcome;
import io.paddock.environments.StoredJson;
import io.paddock.errors.ApiException;
import io.paddock.provisioning.Provisioning;
import io.paddock.provisioning.ScalingMetric;
import io.paddock.provisioning.ScalingPolicyPlan;
import io.paddock.scaling.ScalingPolicyDtos.ScalingPolicyRequest;
import io.paddock.scaling.ScalingPolicyDtos.ScalingPolicyView;
import io.smallrye.mutiny.Uni;

/**
 * An environment's target tracking scaling policies, one per metric. A change is a change of the environment
 * like any other ({@link EnvironmentChanges}): the provider is called outside any transaction, and the policies
 * are stored with the environment's status only once the provider has answered, so a refused put or delete
 * stores nothing.
 */
@ApplicationScoped
public class ScalingPolicyService {

    private static final Change PUT = Change.activeOnly("given a scaling policy");
    private static final Change DELETE = Change.of("changed");

    @Inject
    EnvironmentViews views;
    @Inject
    EnvironmentChanges changes;
    @Inject
    Provisioning provisioning;
    @Inject
    StoredJson json;

    public Uni<List<ScalingPolicyView>> list(EnvironmentKey key) {
        return views.find(key).map(this::policies);
    }

    /** Puts the policy for the request's metric, replacing the one the environment has for it. */
    public Uni<ScalingPolicyView> put(EnvironmentKey key, ScalingPolicyRequest request) {
        ScalingMetric metric = request.scalingMetric();
        ScalingPolicyView policy = new ScalingPolicyView(metric.policyName(), metric.apiName(), request.targetValue(),
                request.scaleIn(), request.scaleOut());
        ScalingPolicyPlan plan = new ScalingPolicyPlan(metric, policy.targetValue(), policy.scaleInCooldownSeconds(),
                policy.scaleOutCooldownSeconds());
        return changes.run(key, PUT, env -> {
            if (metric == ScalingMetric.RPS && json.provisioned(env.provisioned).loadBalancer() == null) {
                throw ApiException.validation("/metric", "cannot be RPS: environment " + key.envName()
                        + " exposes no port, so the load balancer counts no requests for it; send CPUUtilization or"
                        + " MemoryUtilization, or expose a port with an environment update first");
            }
        }, claim -> provisioning.putScalingPolicy(claim.env().id, json.provisioned(claim.env().provisioned), plan),
                (claim, made) -> Outcome.as(claim).withScalingPolicies(json.write(withPolicy(policies(claim.env()), policy))))
                .replaceWith(policy);
    }

    /** Deletes the policy of that name; the environment must be ACTIVE or STOPPED. */
    public Uni<Void> delete(EnvironmentKey key, String policyName) {
        return changes.run(key, DELETE, env -> {
            if (policies(env).stream().noneMatch(p -> p.policyName().equals(policyName))) {
                throw ApiException.notFound("Environment " + key.envName() + " has no scaling policy named " + policyName
                        + ". GET its scaling-policies to see their names.");
            }
        }, claim -> provisioning.deleteScalingPolicy(claim.env().id, json.provisioned(claim.env().provisioned),
                ScalingMetric.byPolicyName(policyName).orElseThrow()),
                (claim, ignored) -> Outcome.as(claim).withScalingPolicies(json.write(policies(claim.env()).stream()
                        .filter(p -> !p.policyName().equals(policyName))
                        .toList())));
    }

    private List<ScalingPolicyView> policies(ApplicationEnvironment env) {
        return json.list(env.scalingPolicies, ScalingPolicyView[].class);
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
