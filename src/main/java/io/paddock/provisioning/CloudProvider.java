package io.paddock.provisioning;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import io.paddock.PaddockConfig;
import io.paddock.PaddockConfig.Cloud.Provider;
import io.paddock.provisioning.local.LocalContainers;
import io.paddock.provisioning.local.LocalNetwork;
import io.paddock.provisioning.local.LocalVolumes;
import io.quarkus.runtime.StartupEvent;

/**
 * Chooses the ports' implementations from {@code paddock.cloud.provider} at start-up. The adapters are
 * beans of their own classes only, so the ports have exactly one producer each: this one.
 */
@ApplicationScoped
public class CloudProvider {

    private final Provider provider;

    CloudProvider(PaddockConfig config) {
        this.provider = config.cloud().provider();
    }

    /** Refuses to start with a provider this build cannot drive, rather than failing on the first request. */
    void verify(@Observes StartupEvent event) {
        if (provider == Provider.AWS) {
            throw unavailable();
        }
    }

    @Produces
    @ApplicationScoped
    NetworkPort network(Instance<LocalNetwork> local) {
        return switch (provider) {
            case LOCAL -> local.get();
            case AWS -> throw unavailable();
        };
    }

    @Produces
    @ApplicationScoped
    VolumePort volumes(Instance<LocalVolumes> local) {
        return switch (provider) {
            case LOCAL -> local.get();
            case AWS -> throw unavailable();
        };
    }

    @Produces
    @ApplicationScoped
    ContainerPort containers(Instance<LocalContainers> local) {
        return switch (provider) {
            case LOCAL -> local.get();
            case AWS -> throw unavailable();
        };
    }

    private static IllegalStateException unavailable() {
        return new IllegalStateException("paddock.cloud.provider=aws is not available in this build: the AWS adapter"
                + " (io.paddock.provisioning.aws) does not exist yet. Set paddock.cloud.provider=local"
                + " (PADDOCK_CLOUD_PROVIDER=local) to use the in-process simulated cloud.");
    }
}
