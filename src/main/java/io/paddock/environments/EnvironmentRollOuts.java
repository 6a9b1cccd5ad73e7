package io.paddock.environments;

import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.paddock.provisioning.Provisioning;
import io.smallrye.mutiny.Uni;

/**
 * The changes that roll an environment out to what its row says (a compose update, a container replaced, its
 * variables set): a new task definition revision and a rolling service update, the same way for each. The request is
 * checked on the stored row, then again under the row lock, where it is written and the environment claimed
 * (UPDATING); the roll-out goes on in the background and ends ACTIVE (or STOPPED), or, when it fails, as it was
 * before, compose, capacity and variables included.
 */
@ApplicationScoped
public class EnvironmentRollOuts {

    private static final Logger LOG = Logger.getLogger(EnvironmentRollOuts.class);

    @Inject EnvironmentChanges changes;
    @Inject EnvironmentTransitions transitions;
    @Inject Provisioning provisioning;
    @Inject StoredJson json;
    @Inject EnvironmentCronJobs cronJobs;

    /**
     * Runs {@code check} on the environment as stored (it may refuse with an {@link io.paddock.errors.ApiException},
     * so an invalid request is a 400 even while the environment is busy), claims it for {@code change} with
     * {@code write} applied under the lock (it may refuse too, and must check what it writes), and starts the
     * roll-out. Answers the environment as claimed.
     */
    public Uni<ApplicationEnvironment> rollOut(EnvironmentKey key, Change change, Consumer<ApplicationEnvironment> check,
            Consumer<ApplicationEnvironment> write) {
        return changes.validate(key, check)
                .chain(() -> transitions.claim(key, change, write))
                .invoke(this::rollOut)
                .map(Claim::env);
    }

    private void rollOut(Claim claim) {
        ApplicationEnvironment env = claim.env();
        Compose compose = json.compose(env.compose);
        boolean stopped = claim.before().status() == EnvironmentStatus.STOPPED;
        int desired = stopped ? 0 : Math.clamp(env.desiredCount, env.minCapacity, env.maxCapacity);
        provisioning.update(changes.plan(claim, compose, desired), json.provisioned(env.provisioned))
                .chain(provisioned -> transitions.changed(claim, Outcome.as(claim)
                        .withProvisioned(json.write(provisioned))
                        .withDesiredCount(desired)))
                .call(settled -> cronJobs.followRevision(env.id))
                .onFailure()
                .call(failure -> changes.undo(claim, failure))
                .subscribe()
                .with(settled -> LOG.infof(settled == Settled.DONE ? "environment %s updated"
                                : "environment %s: updated, but its lease was taken over first", env.id),
                        failure -> LOG.errorf(failure, "environment %s: update did not complete", env.id));
    }
}
