package io.paddock.provisioning.local;

import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.paddock.PaddockConfig;
import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.ProviderException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * What every call to the local cloud goes through: the simulated latency (a Vert.x timer, never a blocked
 * thread), the failures {@code fail-on} asks for, and the call log. Also makes ids and ARNs in AWS's formats.
 */
@ApplicationScoped
public class LocalCloud {

    private final Vertx vertx;
    private final LocalCloudSettings settings;
    private final LocalCloudCalls log;
    private final LocalInventory inventory;
    private final String region;
    private final String account;

    LocalCloud(Vertx vertx, LocalCloudSettings settings, LocalCloudCalls log, LocalInventory inventory,
            PaddockConfig config) {
        this.vertx = vertx;
        this.settings = settings;
        this.log = log;
        this.inventory = inventory;
        this.region = config.cloud().region();
        this.account = config.cloud().local().accountId();
    }

    /**
     * Runs one simulated call. The environment it concerns is given, or looked up from the resource it names,
     * for the call log.
     * <p>
     * The latency is the whole duration of the call, as a cloud's is: the call's own work in the inventory (and
     * the look-up for the log) runs while the latency passes, and the call answers when both are done, never
     * before. A call that fails takes the latency too; one that fail-on lists fails without doing anything.
     */
    <T> Uni<T> call(CloudOperation operation, UUID environmentId, String resourceId, Supplier<Uni<T>> effect) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext() != null ? Vertx.currentContext() : vertx.getOrCreateContext();
            long start = System.nanoTime();
            Uni<UUID> environment = environmentId != null || resourceId == null
                    ? Uni.createFrom().item(environmentId)
                    : inventory.environmentOf(resourceId);
            Uni<Outcome<T>> work = environment.chain(concerned -> (settings.failsOn(operation)
                    ? Uni.createFrom().<T>failure(ProviderException.refused(operation, "InjectedFailure",
                            operation + " fails in the local cloud: paddock.cloud.local.fail-on lists it"))
                    : effect.get())
                    .map(item -> new Outcome<>(concerned, item, null))
                    .onFailure().recoverWithItem(failure -> new Outcome<>(concerned, null, failure)));
            return Uni.combine().all().unis(delay(context, settings.latency(operation)), work).asTuple()
                    .chain(both -> {
                        Outcome<T> outcome = both.getItem2();
                        log.record(new LocalCloudCalls.Call(operation.operationName(), outcome.environmentId(), start,
                                System.nanoTime(), outcome.failure() == null));
                        return outcome.failure() == null
                                ? Uni.createFrom().item(outcome.item())
                                : Uni.createFrom().<T>failure(outcome.failure());
                    });
        });
    }

    /** What a call's work came to: its item or its failure, and the environment it concerned. */
    private record Outcome<T>(UUID environmentId, T item, Throwable failure) {
    }

    private Uni<Void> delay(Context context, Duration latency) {
        if (latency.isZero() || latency.isNegative()) {
            return Uni.createFrom().voidItem();
        }
        long millis = Math.max(1, latency.toMillis());
        // The timer is set from the context, so it fires there: no thread waits.
        return Uni.createFrom().emitter(emitter -> context.runOnContext(
                ignored -> vertx.setTimer(millis, id -> emitter.complete(null))));
    }

    /** The resource, or a refusal naming what is missing (a call that needs a resource that does not exist). */
    static Uni<LocalInventory.Resource> require(Uni<java.util.Optional<LocalInventory.Resource>> found,
            CloudOperation operation, String code, String message) {
        return found.chain(resource -> resource.isPresent()
                ? Uni.createFrom().item(resource.get())
                : Uni.createFrom().failure(ProviderException.refused(operation, code, message)));
    }

    /**
     * Runs a call that deletes one resource of the inventory by its id, failing with "not found" ({@code code},
     * {@code message}) when there is none.
     */
    Uni<Void> delete(CloudOperation operation, String id, LocalResourceType type, String code, String message) {
        return call(operation, null, id, () -> deleted(inventory.delete(id, type), operation, code, message));
    }

    /** Succeeds when the deletion found its resource; "not found" otherwise. */
    static Uni<Void> deleted(Uni<Boolean> deletion, CloudOperation operation, String code, String message) {
        return deletion.chain(found -> found
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(ProviderException.notFound(operation, code, message)));
    }

    static String hex(int digits) {
        byte[] bytes = new byte[(digits + 1) / 2];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, digits);
    }

    String region() {
        return region;
    }

    String account() {
        return account;
    }

    String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + account + ":" + resource;
    }

    private Duration serviceSettleTime() {
        return settings.latency();
    }

    /**
     * When a service change that a call makes now has settled: its deployment starts as the call answers (the
     * call's work runs during its latency) and then takes the settle time.
     */
    long settlesAt(CloudOperation operation) {
        return System.currentTimeMillis() + settings.latency(operation).toMillis() + serviceSettleTime().toMillis();
    }
}
