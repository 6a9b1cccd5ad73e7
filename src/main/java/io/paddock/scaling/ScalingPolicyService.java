package io.paddock.scaling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.environments.ApplicationEnvironment;
import io.paddock.environments.Change;
import io.paddock.environments.OperationType;
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
 * An environment's target tracking scaling policies, one per metric, each under its name (the metric's own, or one
 * the caller chose). A change is a change of the environment like any other ({@link EnvironmentChanges}): the
 * provider is called outside any transaction, and the policies are stored with the environment's status only once
 * the provider has answered, so a refused put or delete stores nothing.
 */
@ApplicationScoped
public class ScalingPolicyService {

    private static final Change PUT = Change.activeOnly("given a scaling policy").as(OperationType.SCALING);
    private static final Change DELETE = Change.of("changed").as(OperationType.SCALING);

    @Inject EnvironmentViews views;
    @Inject EnvironmentChanges changes;
    @Inject Provisioning provisioning;
    @Inject StoredJson json;

    /** The policies that match both filters (a null filter matches every policy). */
    public Uni<List<ScalingPolicyView>> list(EnvironmentKey key, String metric, String policyName) {
        return views.find(key).map(env -> matching(policies(env), metric, policyName));
    }

    /**
     * Puts the policy for the request's metric under {@code policyName} (the metric's own name when null),
     * replacing the one the environment has for that metric. A metric keeps the name its policy was first put
     * with: another name for it, or a name another metric's policy has, is refused.
     */
    public Uni<ScalingPolicyView> put(EnvironmentKey key, ScalingPolicyRequest request, String policyName) {
        ScalingMetric metric = request.scalingMetric();
        String name = policyName == null ? metric.policyName() : policyName;
        return changes.run(key, PUT, env -> {
            if (metric == ScalingMetric.RPS && json.provisioned(env.provisioned).loadBalancer() == null) {
                throw ApiException.validation("/metric", "cannot be RPS: environment " + key.envName()
                        + " exposes no port, so the load balancer counts no requests for it; send CPUUtilization or"
                        + " MemoryUtilization, or expose a port with an environment update first");
            }
            for (ScalingPolicyView existing : policies(env)) {
                if (existing.metric().equals(metric.apiName()) && !existing.policyName().equals(name)) {
                    throw ApiException.conflict("NameExistsError", "Environment " + key.envName() + " has a "
                            + metric.apiName() + " policy already, named " + existing.policyName() + "; a metric has one "
                            + "policy. Send policyName=" + existing.policyName() + " to change it, or delete it first.");
                }
                if (existing.policyName().equals(name) && !existing.metric().equals(metric.apiName())) {
                    throw ApiException.conflict("NameExistsError", "Environment " + key.envName() + "'s policy " + name
                            + " tracks " + existing.metric() + ". Choose another policyName, or delete that policy first.");
                }
            }
        }, claim -> provisioning.putScalingPolicy(claim.env().id, json.provisioned(claim.env().provisioned),
                new ScalingPolicyPlan(name, metric, request.targetValue(), request.scaleIn(), request.scaleOut())),
                (claim, made) -> Outcome.as(claim).withScalingPolicies(json.write(withPolicy(policies(claim.env()),
                        view(request, metric, made.policyName(), made.resourceLabel())))))
                .map(made -> view(request, metric, made.policyName(), made.resourceLabel()));
    }

    /**
     * Deletes the policies that match both filters, every one when neither is given (none to delete is done). A
     * filter that matches nothing is a 404. Each policy is deleted as a change of its own, so a failure part of the
     * way leaves the ones deleted before it stored as deleted.
     */
    public Uni<Void> delete(EnvironmentKey key, String metric, String policyName) {
        return views.find(key)
                .map(env -> {
                    List<ScalingPolicyView> matching = matching(policies(env), metric, policyName);
                    if (matching.isEmpty() && (metric != null || policyName != null)) {
                        throw ApiException.notFound("Environment " + key.envName() + " has no scaling policy"
                                + (policyName == null ? "" : " named " + policyName)
                                + (metric == null ? "" : " tracking " + metric)
                                + ". GET its scaling-policies to see them.");
                    }
                    return matching.stream().map(ScalingPolicyView::policyName).toList();
                })
                .chain(names -> {
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (String name : names) {
                        all = all.chain(() -> deleteOne(key, name));
                    }
                    return all;
                });
    }

    /** Deletes the policy of that name; the environment must be ACTIVE or STOPPED. */
    private Uni<Void> deleteOne(EnvironmentKey key, String policyName) {
        return changes.run(key, DELETE, env -> {
            if (policies(env).stream().noneMatch(p -> p.policyName().equals(policyName))) {
                throw ApiException.notFound("Environment " + key.envName() + " has no scaling policy named " + policyName
                        + ". GET its scaling-policies to see their names.");
            }
        }, claim -> provisioning.deleteScalingPolicy(claim.env().id, json.provisioned(claim.env().provisioned),
                policyName),
                (claim, ignored) -> Outcome.as(claim).withScalingPolicies(json.write(policies(claim.env()).stream()
                        .filter(p -> !p.policyName().equals(policyName))
                        .toList())));
    }

    private List<ScalingPolicyView> policies(ApplicationEnvironment env) {
        return json.list(env.scalingPolicies, ScalingPolicyView[].class);
    }

    private static List<ScalingPolicyView> matching(List<ScalingPolicyView> policies, String metric, String policyName) {
        return policies.stream()
                .filter(p -> metric == null || metric.equals(p.metric()))
                .filter(p -> policyName == null || policyName.equals(p.policyName()))
                .toList();
    }

    private static ScalingPolicyView view(ScalingPolicyRequest request, ScalingMetric metric, String name, String label) {
        return new ScalingPolicyView(name, metric.apiName(), request.targetValue(), request.scaleIn(), request.scaleOut(),
                label);
    }

    /** The policies with this one in place of the one of its metric, in the order of the metrics. */
    private static List<ScalingPolicyView> withPolicy(List<ScalingPolicyView> policies, ScalingPolicyView policy) {
        List<ScalingPolicyView> result = new ArrayList<>(policies.stream()
                .filter(p -> !Objects.equals(p.metric(), policy.metric()))
                .toList());
        result.add(policy);
        result.sort(Comparator.comparingInt(p -> ScalingMetric.byApiName(p.metric()).orElseThrow().ordinal()));
        return result;
    }
}
