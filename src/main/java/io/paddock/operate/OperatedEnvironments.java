package io.paddock.operate;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.auth.CurrentCaller;
import io.paddock.environments.ApplicationEnvironment;
import io.paddock.environments.ApplicationEnvironmentRepository;
import io.paddock.environments.EnvironmentStatus;
import io.paddock.environments.StoredJson;
import io.paddock.errors.ApiException;
import io.paddock.provisioning.Provisioned;
import io.smallrye.mutiny.Uni;

/**
 * The environment a call that operates it names by its id (Quant's commands paths name no application), and whether
 * it can run something: it must hold what a task needs, which a create that has not finished or has failed does not.
 */
@ApplicationScoped
public class OperatedEnvironments {

    @Inject ApplicationEnvironmentRepository environments;
    @Inject CurrentCaller caller;
    @Inject StoredJson json;

    /**
     * The organisation's environment with that id, visible to the caller (an environment token, only its own
     * envName's); 404 when there is none, it is being deleted, or it is another organisation's.
     */
    public Uni<ApplicationEnvironment> find(String organisation, String environmentId) {
        UUID id = CommandService.uuid(environmentId);
        Uni<ApplicationEnvironment> found = id == null ? Uni.createFrom().nullItem() : environments.findById(id);
        return found.map(env -> {
            if (env == null || !env.organisation.equals(organisation) || env.status == EnvironmentStatus.DELETING) {
                throw ApiException.notFound("Organisation " + organisation + " has no environment with id "
                        + environmentId + ". An environment's id is the id of its body (GET .../environments/{envName}).");
            }
            if (!caller.get().mayUseEnvironment(organisation, env.envName)) {
                throw ApiException.noAccess("Your token's scope is " + caller.get().scope()
                        + "; it cannot use environment " + env.envName + ".");
            }
            return env;
        });
    }

    /** What was provisioned for it, when it can run a task now; else 409 saying why not. */
    public Provisioned runnable(ApplicationEnvironment env, String what) {
        if (env.status == EnvironmentStatus.CREATING) {
            throw ApiException.conflict("EnvironmentBusyError", "Environment " + env.envName
                    + " is being created; " + what + " once it is ACTIVE.");
        }
        if (env.status == EnvironmentStatus.FAILED || env.provisioned == null) {
            throw ApiException.conflict("EnvironmentFailedError", "Environment " + env.envName
                    + " failed to be created and has nothing to " + what + " in; delete it and create it again.");
        }
        return json.provisioned(env.provisioned);
    }
}
