package io.paddock.provisioning;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.paddock.PaddockConfig;
import io.paddock.PaddockConfig.Cloud.Provider;
import io.paddock.provisioning.aws.AwsAccess;
import io.paddock.provisioning.aws.AwsCommands;
import io.paddock.provisioning.aws.AwsContainers;
import io.paddock.provisioning.aws.AwsLogs;
import io.paddock.provisioning.aws.AwsMetrics;
import io.paddock.provisioning.aws.AwsNetwork;
import io.paddock.provisioning.aws.AwsSchedules;
import io.paddock.provisioning.aws.AwsScaling;
import io.paddock.provisioning.aws.AwsSettings;
import io.paddock.provisioning.aws.AwsTaggedResources;
import io.paddock.provisioning.aws.AwsSharedGroups;
import io.paddock.provisioning.aws.AwsOriginRules;
import io.paddock.provisioning.aws.AwsVolumes;
import io.paddock.provisioning.local.LocalAccess;
import io.paddock.provisioning.local.LocalCommands;
import io.paddock.provisioning.local.LocalContainers;
import io.paddock.provisioning.local.LocalLogs;
import io.paddock.provisioning.local.LocalMetrics;
import io.paddock.provisioning.local.LocalTaggedResources;
import io.paddock.provisioning.local.LocalNetwork;
import io.paddock.provisioning.local.LocalSchedules;
import io.paddock.provisioning.local.LocalScaling;
import io.paddock.provisioning.local.LocalSharedGroups;
import io.paddock.provisioning.local.LocalOriginRules;
import io.paddock.provisioning.local.LocalVolumes;
import io.quarkus.runtime.StartupEvent;

/**
 * Chooses the ports' implementations, and the site they provision into, from {@code paddock.cloud.provider}
 * at start-up. The adapters are beans of their own classes only, so the ports have exactly one producer each:
 * this one. The other provider's beans are never made (the aws clients and settings only exist with aws).
 */
@ApplicationScoped
public class CloudProvider {

    private final Provider provider;
    private final PaddockConfig config;

    @Inject Instance<LocalTaggedResources> localTagged;

    @Inject Instance<AwsScaling> awsScaling;

    @Inject Instance<AwsTaggedResources> awsTagged;

    CloudProvider(PaddockConfig config) {
        this.provider = config.cloud().provider();
        this.config = config;
    }

    /**
     * With aws: checks {@code paddock.aws.*} (a missing key stops start-up, naming it) and builds the clients
     * now, on the main thread, rather than on the first request's event loop.
     */
    void verify(@Observes StartupEvent event, Instance<AwsNetwork> network, Instance<AwsVolumes> volumes,
            Instance<AwsContainers> containers, Instance<AwsSchedules> schedules) {
        if (provider == Provider.AWS) {
            AwsSettings.from(config.aws());
            network.get();
            volumes.get();
            containers.get();
            schedules.get();
            awsScaling.get();
            awsTagged.get();
        }
    }

    @Produces
    @Singleton
    CloudSite site(Instance<AwsSettings> aws) {
        return switch (provider) {
            case LOCAL -> CloudSite.of(config.cloud());
            case AWS -> aws.get();
        };
    }

    @Produces
    @ApplicationScoped
    NetworkPort network(Instance<LocalNetwork> local, Instance<AwsNetwork> aws) {
        return active(local, aws);
    }

    @Produces
    @ApplicationScoped
    SharedGroupPort sharedGroups(Instance<LocalSharedGroups> local, Instance<AwsSharedGroups> aws) {
        return active(local, aws);
    }

    @Produces
    @ApplicationScoped
    OriginRulePort originRules(Instance<LocalOriginRules> local, Instance<AwsOriginRules> aws) {
        return active(local, aws);
    }

    @Produces
    @ApplicationScoped
    VolumePort volumes(Instance<LocalVolumes> local, Instance<AwsVolumes> aws) {
        return active(local, aws);
    }

    @Produces
    @ApplicationScoped
    ContainerPort containers(Instance<LocalContainers> local, Instance<AwsContainers> aws) {
        return active(local, aws);
    }

    @Produces
    @ApplicationScoped
    SchedulePort schedules(Instance<LocalSchedules> local, Instance<AwsSchedules> aws) {
        return active(local, aws);
    }

    @Produces
    @ApplicationScoped
    ScalingPort scaling(Instance<LocalScaling> local, Instance<AwsScaling> aws) {
        return active(local, aws);
    }

    @Produces
    @ApplicationScoped
    LogPort logs(Instance<LocalLogs> local, Instance<AwsLogs> aws) {
        return active(local, aws);
    }

    @Produces
    @ApplicationScoped
    CommandPort commands(Instance<LocalCommands> local, Instance<AwsCommands> aws) {
        return active(local, aws);
    }

    @Produces
    @ApplicationScoped
    MetricsPort metrics(Instance<LocalMetrics> local, Instance<AwsMetrics> aws) {
        return active(local, aws);
    }

    @Produces
    @ApplicationScoped
    AccessPort access(Instance<LocalAccess> local, Instance<AwsAccess> aws) {
        return active(local, aws);
    }

    /** The active provider's implementation: only it is made. */
    private <T> T active(Instance<? extends T> local, Instance<? extends T> aws) {
        return switch (provider) {
            case LOCAL -> local.get();
            case AWS -> aws.get();
        };
    }

    /**
     * The provider's search by environment tag: for rollback and teardown, which delete what it finds with what the
     * ledger holds (a resource whose ledger row was lost to a crash is found this way), and for the orphan sweep.
     */
    public Optional<TaggedResources> taggedResources() {
        return switch (provider) {
            case LOCAL -> Optional.of(localTagged.get());
            case AWS -> Optional.of(awsTagged.get());
        };
    }
}
