package io.paddock.provisioning;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.paddock.PaddockConfig;
import io.smallrye.mutiny.Uni;

/**
 * Every call to the provider's ports goes through here: the call timeout, the step timer
 * ({@code paddock.provisioning.step}) and the in-flight gauge ({@code paddock.provisioning.in.flight}, provider
 * calls not yet answered), and the translation of anything an adapter lets escape into {@link ProviderException}.
 */
@ApplicationScoped
public class CloudCalls {

    private final Duration timeout;
    private final CloudSite site;
    private final String provider;
    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();

    CloudCalls(PaddockConfig config, MeterRegistry registry, CloudSite site) {
        this.timeout = config.cloud().callTimeout();
        this.site = site;
        this.provider = config.cloud().provider().name().toLowerCase(Locale.ROOT);
        this.registry = registry;
        registry.gauge("paddock.provisioning.in.flight", Tags.of("provider", provider), inFlight);
    }

    /** The provider's name as metrics and the ledger carry it ({@code local}, {@code aws}). */
    public String provider() {
        return provider;
    }

    /**
     * One provider call, failing with a RequestTimeout {@link ProviderException.Retryable} when it does not answer in
     * time (the provider may still be working on it).
     */
    public <T> Uni<T> call(CloudOperation operation, Supplier<Uni<T>> call) {
        return answer(operation, invoke(operation, call));
    }

    /**
     * The provider call itself, without the timeout: a run memoizes it so that a timed-out create is still
     * followed to its end (its resource, if it appears late, must be recorded and undone, not forgotten).
     */
    <T> Uni<T> invoke(CloudOperation operation, Supplier<Uni<T>> call) {
        return Uni.createFrom().deferred(() -> {
                    inFlight.incrementAndGet();
                    return call.get();
                })
                .onTermination().invoke(inFlight::decrementAndGet)
                .onFailure().transform(failure -> translate(operation, failure));
    }

    /**
     * How long the operation may take: the call timeout, and for a call that waits on purpose its budget on top (the
     * availability budget for a create that waits for its resource to be usable, the dependency budget for a deletion
     * that waits for what uses its resource to go).
     */
    Duration timeout(CloudOperation operation) {
        return switch (operation) {
            case CREATE_FILE_SYSTEM, CREATE_MOUNT_TARGET -> timeout.plus(site.availabilityBudget());
            case DELETE_SERVICE, DELETE_SECURITY_GROUP, DELETE_TARGET_GROUP, DELETE_FILE_SYSTEM, DELETE_MOUNT_TARGET ->
                    timeout.plus(site.dependencyBudget());
            default -> timeout;
        };
    }

    /** Waits for the call's answer up to its timeout, and times it. */
    <T> Uni<T> answer(CloudOperation operation, Uni<T> call) {
        Duration within = timeout(operation);
        return Uni.createFrom().deferred(() -> {
            Timer.Sample sample = Timer.start(registry);
            return call
                    .ifNoItem().after(within).failWith(() -> ProviderException.retryable(operation, "RequestTimeout",
                            "no answer within " + within.toMillis() + " ms (paddock.cloud.call-timeout"
                                    + (within.equals(timeout) ? "" : " and the provider's wait budget") + ")"))
                    .onItemOrFailure().invoke((item, failure) -> sample.stop(Timer.builder("paddock.provisioning.step")
                            .description("Provider calls made by the orchestrator")
                            .tag("step", operation.operationName())
                            .tag("provider", provider)
                            .tag("outcome", failure == null ? "success" : "failure")
                            .register(registry)));
        });
    }

    private static ProviderException translate(CloudOperation operation, Throwable failure) {
        if (failure instanceof ProviderException provider) {
            return provider;
        }
        return ProviderException.refused(operation, failure.getClass().getSimpleName(),
                String.valueOf(failure.getMessage()), failure);
    }
}
