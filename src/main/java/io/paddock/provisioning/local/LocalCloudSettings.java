package io.paddock.provisioning.local;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.paddock.PaddockConfig;
import io.paddock.provisioning.CloudOperation;

/**
 * How the local cloud behaves right now. {@code paddock.cloud.local.latency} and
 * {@code paddock.cloud.local.fail-on} set the initial values; tests change them at run time through the
 * setters (and {@link #reset()} returns to the configured values), without restarting Paddock.
 */
@ApplicationScoped
public class LocalCloudSettings {

    private final PaddockConfig.Cloud.Local config;
    private volatile Duration latency;
    private volatile Map<CloudOperation, Duration> latencyByOperation;
    private volatile Set<CloudOperation> failOn;

    LocalCloudSettings(PaddockConfig config) {
        this.config = config.cloud().local();
        reset();
    }

    /** Back to the configured latency and fail-on. */
    public final void reset() {
        latency = config.latency();
        latencyByOperation = Map.of();
        failOn = operations(config.failOn().orElse(List.of()));
    }

    /** How long a call of this operation takes. */
    public Duration latency(CloudOperation operation) {
        return latencyByOperation.getOrDefault(operation, latency);
    }

    /** How long calls take when no per-operation latency is set. */
    public Duration latency() {
        return latency;
    }

    public void setLatency(Duration latency) {
        this.latency = latency;
    }

    /** Makes one operation take this long, whatever the general latency. */
    public void setLatency(CloudOperation operation, Duration latency) {
        Map<CloudOperation, Duration> next = new EnumMap<>(CloudOperation.class);
        next.putAll(latencyByOperation);
        next.put(operation, latency);
        latencyByOperation = Map.copyOf(next);
    }

    public boolean failsOn(CloudOperation operation) {
        return failOn.contains(operation);
    }

    /** Operations (by AWS's names, e.g. CreateService) that fail every time from now on. */
    public void setFailOn(Collection<String> operationNames) {
        failOn = operations(operationNames);
    }

    private static Set<CloudOperation> operations(Collection<String> names) {
        Set<CloudOperation> operations = EnumSet.noneOf(CloudOperation.class);
        for (String name : names) {
            if (name.isBlank()) {
                continue;
            }
            operations.add(CloudOperation.byName(name.trim()).orElseThrow(() -> new IllegalArgumentException(
                    "paddock.cloud.local.fail-on: '" + name + "' is not an operation Paddock calls; use one of "
                            + Arrays.stream(CloudOperation.values()).map(CloudOperation::operationName).toList())));
        }
        return Set.copyOf(operations);
    }
}
