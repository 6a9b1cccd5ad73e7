package io.paddock.volumes;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.environments.ApplicationEnvironment;
import io.paddock.environments.Change;
import io.paddock.environments.OperationType;
import io.paddock.environments.EnvironmentChanges;
import io.paddock.environments.EnvironmentDtos.VolumeView;
import io.paddock.environments.EnvironmentKey;
import io.paddock.environments.EnvironmentViews;
import io.paddock.environments.Outcome;
import io.paddock.environments.StoredJson;
import io.paddock.errors.ApiException;
import io.paddock.provisioning.Provisioned;
import io.paddock.provisioning.Provisioning;
import io.paddock.volumes.VolumeDtos.CreateVolumeRequest;
import io.smallrye.mutiny.Uni;

/**
 * An environment's volumes: access points on its EFS file system. Adding or removing one is a change of the
 * environment ({@link EnvironmentChanges}); a volume a container mounts cannot be removed.
 */
@ApplicationScoped
public class VolumeService {

    private static final Change ADD = Change.of("given a volume").as(OperationType.VOLUME);
    private static final Change REMOVE = Change.of("changed").as(OperationType.VOLUME);

    @Inject EnvironmentViews views;
    @Inject EnvironmentChanges changes;
    @Inject Provisioning provisioning;
    @Inject StoredJson json;

    public Uni<List<VolumeView>> list(EnvironmentKey key) {
        return views.find(key).map(env -> volumes(env).stream().map(VolumeView::of).toList());
    }

    public Uni<VolumeView> get(EnvironmentKey key, String volume) {
        return views.find(key).map(env -> VolumeView.of(find(env, volume)));
    }

    public Uni<VolumeView> create(EnvironmentKey key, CreateVolumeRequest request) {
        String root = request.rootDirectory() == null ? "/" + request.volumeName() : request.rootDirectory();
        return changes.run(key, ADD, env -> {
            if (volumes(env).stream().anyMatch(v -> v.volumeName().equals(request.volumeName()))) {
                throw ApiException.nameExists("Environment " + key.envName() + " already has a volume named "
                        + request.volumeName() + ". Choose another volumeName.");
            }
        }, claim -> {
            ApplicationEnvironment env = claim.env();
            return provisioning.addVolume(changes.plan(claim, json.compose(env.compose), env.desiredCount),
                    json.provisioned(env.provisioned), request.volumeName(), request.description(), root);
        }, (claim, provisioned) -> Outcome.as(claim).withProvisioned(json.write(provisioned)))
                .map(provisioned -> VolumeView.of(provisioned.volumes().stream()
                        .filter(v -> v.volumeName().equals(request.volumeName()))
                        .findFirst()
                        .orElseThrow()));
    }

    public Uni<Void> delete(EnvironmentKey key, String volume) {
        return changes.run(key, REMOVE, env -> {
            Provisioned.VolumeRef ref = find(env, volume);
            if (json.compose(env.compose).mounts(ref.volumeName())) {
                throw ApiException.conflict("VolumeInUseError", "Volume " + ref.volumeName()
                        + " is mounted by a container of environment " + key.envName()
                        + ". Remove its mount points with an environment update first.");
            }
        }, claim -> provisioning.removeVolume(json.provisioned(claim.env().provisioned),
                find(claim.env(), volume).volumeName()),
                (claim, provisioned) -> Outcome.as(claim).withProvisioned(json.write(provisioned)))
                .replaceWithVoid();
    }

    private List<Provisioned.VolumeRef> volumes(ApplicationEnvironment env) {
        return EnvironmentViews.volumes(env.provisioned == null ? null : json.provisioned(env.provisioned));
    }

    private Provisioned.VolumeRef find(ApplicationEnvironment env, String volume) {
        return volumes(env).stream()
                .filter(v -> volume.equals(v.accessPointId()) || volume.equals(v.volumeName()))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("Environment " + env.envName + " has no volume " + volume
                        + ". GET its volumes to see their ids and names."));
    }
}
