package io.paddock.environments;

import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.paddock.errors.ApiException;
import io.paddock.errors.LogSafe;
import io.paddock.provisioning.EnvironmentPlan;
import io.paddock.provisioning.ProvisioningFailedException;
import io.paddock.provisioning.StepGuard;
import io.smallrye.mutiny.Uni;

/**
 * A change of an environment that needs the cloud, the same way for every feature: the environment is claimed
 * (UPDATING, so other changes are refused meanwhile) in a short transaction; the cloud is called outside any
 * transaction, since it takes as long as the provider does; then the outcome is written under the claim's
 * fence. On failure the environment is as it was, with the failure recorded.
 */
@ApplicationScoped
public class EnvironmentChanges {

    private static final Logger LOG = Logger.getLogger(EnvironmentChanges.class);

    @Inject EnvironmentTransitions transitions;
    @Inject EnvironmentViews views;
    @Inject StoredJson json;

    /**
     * Runs {@code check} on the environment as it is stored, before any claim: a request that is wrong in itself
     * is answered with its 400 (or 404) whatever the environment is doing, not with a 409 because a change is
     * running. The claim runs the check again under the row lock, where it decides. An environment not
     * provisioned yet is left to the claim, which refuses it.
     */
    public Uni<Void> validate(EnvironmentKey key, Consumer<ApplicationEnvironment> check) {
        return views.find(key)
                .invoke(env -> {
                    if (env.provisioned != null) {
                        check.accept(env);
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Claims the environment for {@code change} ({@code check} may refuse it, first on the stored row, then under
     * the row lock), runs {@code cloud}, and writes what {@code outcome} makes of its result.
     */
    public <T> Uni<T> run(EnvironmentKey key, Change change, Consumer<ApplicationEnvironment> check,
            Function<Claim, Uni<T>> cloud, BiFunction<Claim, T, Outcome> outcome) {
        return validate(key, check)
                .chain(() -> transitions.claim(key, change, check))
                .chain(claim -> cloud.apply(claim)
                        .chain(result -> transitions.changed(claim, outcome.apply(claim, result))
                                .map(settled -> {
                                    if (settled == Settled.LEASE_LOST) {
                                        throw leaseLost(key.envName());
                                    }
                                    return result;
                                }))
                        .onFailure(failure -> !(failure instanceof LeaseLost))
                        .call(failure -> undo(claim, failure)))
                .onFailure()
                .transform(failure -> failed(failure, "Everything created for this environment was removed; fix the "
                        + "cause and create it again."));
    }

    /**
     * What provisioning runs for the claimed environment with {@code compose} and its variables (as the claim left
     * them), while the claim's lease is held.
     */
    public EnvironmentPlan plan(Claim claim, Compose compose, int desiredCount) {
        return ProvisioningPlans.plan(claim.env(), compose, json.variables(claim.env().variables), desiredCount,
                transitions.guard(claim.fence()));
    }

    /** Puts the environment back as it was before the claim, with the failure recorded; never fails. */
    public Uni<Void> undo(Claim claim, Throwable failure) {
        LOG.warnf("environment %s: change failed, back to %s: %s", claim.env().id, claim.before().status(),
                LogSafe.text(failure.getMessage()));
        return transitions.undo(claim, reason(failure))
                .invoke(settled -> {
                    if (settled == Settled.LEASE_LOST) {
                        LOG.warnf("environment %s: its lease was taken over before the failed change was undone",
                                claim.env().id);
                    }
                })
                .replaceWithVoid()
                .onFailure()
                .invoke(e -> LOG.errorf(e, "environment %s: could not restore its status", claim.env().id))
                .onFailure()
                .recoverWithNull();
    }

    /**
     * What an operation's record and the environment's deploymentFailureReason say of {@code failure}: the provider's
     * failure, or that the operation was cancelled or ran past its deadline, and the step it stopped before.
     */
    public static String reason(Throwable failure) {
        if (failure instanceof ProvisioningFailedException p && p.stopped() == StepGuard.Verdict.CANCELLED) {
            return "Cancelled before " + p.step() + ": a client cancelled the operation, and what it had made was undone.";
        }
        if (failure instanceof ProvisioningFailedException p && p.stopped() == StepGuard.Verdict.TIMED_OUT) {
            return "Timed out before " + p.step() + ": the operation ran past its deadline (paddock.operations.deadline), "
                    + "and what it had made was undone.";
        }
        return failure.getMessage();
    }

    /**
     * A provisioning failure as its client sees it (502 naming the step; 409 when the operation was cancelled, 504
     * when it ran past its deadline), with what became of the change.
     */
    public static Throwable failed(Throwable failure, String outcome) {
        if (failure instanceof ProvisioningFailedException p && p.stopped() == StepGuard.Verdict.CANCELLED) {
            return ApiException.conflict("OperationCancelled", reason(p) + " " + outcome);
        }
        if (failure instanceof ProvisioningFailedException p && p.stopped() == StepGuard.Verdict.TIMED_OUT) {
            return new ApiException(504, "OperationTimedOut", reason(p) + " " + outcome);
        }
        if (failure instanceof ProvisioningFailedException p && p.isFenced()) {
            return new LeaseLost("The environment's lease was taken over by another replica before " + p.step()
                    + ", which finishes or undoes the work. GET the environment to see how it ends.");
        }
        if (failure instanceof ProvisioningFailedException p) {
            return new ApiException(502, "ProvisioningFailed", "Provisioning failed at " + p.step() + ": "
                    + (p.providerCode() == null ? "" : p.providerCode() + ": ") + p.providerMessage() + ". " + outcome);
        }
        return failure;
    }

    private static LeaseLost leaseLost(String envName) {
        return new LeaseLost("Environment " + envName + " was changed, but this replica's lease on it ran out first; "
                + "another replica is finishing the work. GET the environment to see how it ends.");
    }
}
