package io.paddock.operate;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.PaddockConfig;
import io.paddock.PaddockConfig.Cloud.Provider;
import io.paddock.auth.Caller;
import io.paddock.auth.CurrentCaller;
import io.paddock.environments.ApplicationEnvironmentRepository;
import io.paddock.environments.EnvironmentKey;
import io.paddock.errors.ApiException;
import io.paddock.operate.OperateDtos.RegistryLoginView;
import io.paddock.operate.OperateDtos.ShellAccessView;
import io.paddock.operate.OperateDtos.ShellCredentialsView;
import io.paddock.provisioning.AccessPort.RunningTask;
import io.paddock.provisioning.EnvironmentRuntime;
import io.paddock.provisioning.ProviderException;
import io.paddock.provisioning.Provisioned;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Short-lived access: a docker login for the image registry, and credentials for a shell in one running task of an
 * environment. Each needs a token that holds its grant ({@link Caller#REGISTRY}, {@link Caller#SHELL}); what they
 * answer is secret and is never logged.
 */
@ApplicationScoped
public class AccessService {

    private static final int SESSION_NAME_MAX = 64;

    @Inject ApplicationEnvironmentRepository environments;
    @Inject OperatedEnvironments operated;
    @Inject EnvironmentRuntime runtime;
    @Inject CurrentCaller caller;
    @Inject PaddockConfig config;

    public Uni<RegistryLoginView> registryLogin() {
        require(Caller.REGISTRY, "a docker login for the image registry");
        return runtime.registryLogin()
                .onFailure(ProviderException.class).transform(f -> Refusals.of((ProviderException) f))
                .map(login -> new RegistryLoginView(login.username(), login.password(), time(login.expiresAt()),
                        login.endpoint()));
    }

    public Uni<ShellAccessView> shellAccess(EnvironmentKey key) {
        Caller who = require(Caller.SHELL, "shell access");
        return Panache.withSession(() -> environments.findVisible(key))
                .map(key::found)
                .chain(env -> {
                    Provisioned provisioned = operated.runnable(env, "open a shell");
                    return runtime.runningTasks(provisioned.service().cluster(), provisioned.service().name())
                            .onFailure(ProviderException.class).transform(f -> Refusals.of((ProviderException) f))
                            .chain(tasks -> {
                                if (tasks.isEmpty()) {
                                    throw new ApiException(404, "NoRunningTaskError", "Environment " + key.envName()
                                            + " has no running task to open a shell in. Start it (PUT .../state with"
                                            + " {\"action\": \"start\"}) and ask again once it runs.");
                                }
                                RunningTask task = tasks.get(0);
                                return runtime.shellCredentials(task, sessionName(who))
                                        .onFailure(ProviderException.class)
                                        .transform(f -> Refusals.of((ProviderException) f))
                                        .map(credentials -> new ShellAccessView(true, new ShellCredentialsView(
                                                credentials.accessKeyId(), credentials.secretAccessKey(),
                                                credentials.sessionToken(), time(credentials.expiration())),
                                                task.clusterArn().substring(task.clusterArn().lastIndexOf('/') + 1),
                                                task.taskArn(), task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1),
                                                task.containerNames(), region(),
                                                Math.max(0, Duration.between(Instant.now(), credentials.expiration())
                                                        .toSeconds()),
                                                key.organisation()));
                            });
                });
    }

    private Caller require(String grant, String what) {
        Caller who = caller.get();
        if (!who.has(grant)) {
            throw ApiException.noAccess(what.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + what.substring(1)
                    + " needs a token with the \"" + grant + "\" grant; your token (" + who.scope() + ") has "
                    + (who.grants().isEmpty() ? "none" : who.grants()) + ". An admin can create one: POST"
                    + " /api/admin/api-tokens with \"grants\": [\"" + grant + "\"].");
        }
        return who;
    }

    /** STS session names: 2-64 of letters, digits and +=,.@-; the token's name, so CloudTrail says who it was. */
    private static String sessionName(Caller who) {
        String name = "paddock-" + who.tokenName().replaceAll("[^\\w+=,.@-]", "-");
        return name.length() <= SESSION_NAME_MAX ? name : name.substring(0, SESSION_NAME_MAX);
    }

    private String region() {
        return config.cloud().provider() == Provider.AWS ? config.aws().region().orElse(config.cloud().region())
                : config.cloud().region();
    }

    private static String time(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }
}
