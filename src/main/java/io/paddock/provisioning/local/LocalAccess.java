package io.paddock.provisioning.local;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import io.paddock.PaddockConfig;
import io.paddock.provisioning.AccessPort;
import io.paddock.provisioning.CloudOperation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Credentials from the local cloud: fresh random secrets each time, which expire as AWS's do (a registry login after
 * {@link #REGISTRY_LOGIN_LIFETIME}, shell credentials after {@code paddock.operate.shell-session-duration}). A
 * service's running tasks are those of its last deployment once it has settled (before that, as many of them as were
 * running).
 */
@ApplicationScoped
@Typed(LocalAccess.class)
public class LocalAccess implements AccessPort {

    static final Duration REGISTRY_LOGIN_LIFETIME = Duration.ofHours(12);
    /** Made at run time, per bean: a native build must not freeze a seeded generator into the image. */
    private final SecureRandom random = new SecureRandom();

    @Inject LocalCloud cloud;
    @Inject LocalInventory inventory;
    @Inject PaddockConfig config;

    @Override
    public Uni<RegistryLogin> registryLogin() {
        return cloud.call(CloudOperation.GET_AUTHORIZATION_TOKEN, null, null, () -> Uni.createFrom().item(
                new RegistryLogin("AWS", secret(96), Instant.now().plus(REGISTRY_LOGIN_LIFETIME),
                        "https://" + cloud.account() + ".dkr.ecr." + cloud.region() + ".amazonaws.com")));
    }

    @Override
    public Uni<List<RunningTask>> runningTasks(String clusterArn, String serviceName) {
        String cluster = clusterArn.substring(clusterArn.lastIndexOf('/') + 1);
        String serviceArn = cloud.arn("ecs", "service/" + cluster + "/" + serviceName);
        return cloud.call(CloudOperation.LIST_TASKS, null, serviceArn, () -> inventory.find(serviceArn,
                        LocalResourceType.SERVICE)
                .map(found -> {
                    List<RunningTask> running = new ArrayList<>();
                    if (found.isEmpty()) {
                        return running;
                    }
                    JsonObject attributes = found.get().attributes();
                    JsonArray tasks = attributes.getJsonArray("tasks", new JsonArray());
                    boolean settled = System.currentTimeMillis() >= attributes.getLong("settlesAt", 0L);
                    int count = settled ? tasks.size() : Math.min(tasks.size(), attributes.getInteger("runningCount", 0));
                    List<String> containers = LocalServiceTasks.strings(attributes.getJsonArray("containerNames"));
                    for (int i = 0; i < count; i++) {
                        running.add(new RunningTask(cloud.arn("ecs", "task/" + cluster + "/" + tasks.getString(i)),
                                clusterArn, containers));
                    }
                    return running;
                }));
    }

    @Override
    public Uni<ShellCredentials> shellCredentials(RunningTask task, String sessionName) {
        return cloud.call(CloudOperation.ASSUME_ROLE, null, null, () -> Uni.createFrom().item(new ShellCredentials(
                "ASIA" + LocalCloud.hex(16).toUpperCase(Locale.ROOT), secret(30), secret(300),
                Instant.now().plus(config.operate().shellSessionDuration()))));
    }

    private String secret(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }
}
