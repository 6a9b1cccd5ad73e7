package io.paddock.provisioning.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.paddock.web.CallerContext;
import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.ProviderException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * How every AWS call is made. The SDK's own retries are off (see {@link AwsClients}); here:
 * <ul>
 * <li>the request is sent from a worker thread: building and signing a request may block (credential
 * refresh, class loading on first use), and nothing may block an event loop;</li>
 * <li>the SDK's exception becomes a {@link ProviderException} with AWS's error code and message, of the type
 * {@link AwsErrorCodes} gives the code;</li>
 * <li>a retryable failure (throttling, a 5xx answer, no answer, a resource still in use or still changing) is
 * retried with jittered exponential backoff until the retry deadline, and is what the caller sees after it; a
 * terminal one fails at once;</li>
 * <li>the answer, which the SDK completes on its own threads, is handed back on the Vert.x context the call
 * was made from, so the adapters' Unis are safe to continue with Hibernate Reactive or the reactive pool.</li>
 * </ul>
 */
@Singleton
public class AwsCalls {

    private static final Logger LOG = Logger.getLogger(AwsCalls.class);

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration deadline;

    AwsCalls(AwsSettings settings) {
        this.initialBackoff = settings.initialBackoff();
        this.maxBackoff = settings.maxBackoff();
        this.deadline = settings.retryDeadline();
    }

    /** One AWS call, retried while its failure is retryable, until the retry deadline. */
    public <T> Uni<T> call(CloudOperation operation, Supplier<CompletableFuture<T>> request) {
        return call(operation, deadline, request);
    }

    /**
     * One AWS call, retried while its failure is retryable, for up to {@code budget}: a deletion that AWS refuses
     * while something still uses the resource (DependencyViolation, ResourceInUse) is given minutes, not seconds.
     */
    public <T> Uni<T> call(CloudOperation operation, Duration budget, Supplier<CompletableFuture<T>> request) {
        return Uni.createFrom().deferred(() -> {
            Executor caller = CallerContext.capture();
            long giveUpAt = System.nanoTime() + budget.toNanos();
            Predicate<Throwable> again = failure -> failure instanceof ProviderException.Retryable
                    && System.nanoTime() < giveUpAt;
            // The last failure is what the caller sees once the deadline has passed, with AWS's code.
            return Uni.createFrom().completionStage(request)
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .onFailure().transform(failure -> translate(operation, failure))
                    .onFailure(again).invoke(failure -> LOG.debugf("%s: %s; retrying", operation, failure.getMessage()))
                    .onFailure(again).retry()
                    .withBackOff(initialBackoff, maxBackoff).withJitter(0.5)
                    .indefinitely()
                    .emitOn(caller);
        });
    }

    /**
     * Every item of a paged read, page after page: {@code page} asks for the page a token names (null: the first),
     * {@code items} reads a page's items and {@code next} the token of the page after it (null or empty after the
     * last). Each page is one {@link #call}.
     */
    public <P, T> Uni<List<T>> pages(CloudOperation operation, Function<String, CompletableFuture<P>> page,
            Function<P, List<T>> items, Function<P, String> next) {
        return pages(operation, page, items, next, null, new ArrayList<>());
    }

    private <P, T> Uni<List<T>> pages(CloudOperation operation, Function<String, CompletableFuture<P>> page,
            Function<P, List<T>> items, Function<P, String> next, String token, List<T> found) {
        return call(operation, () -> page.apply(token)).chain(answer -> {
            found.addAll(items.apply(answer));
            String following = next.apply(answer);
            return following == null || following.isEmpty()
                    ? Uni.createFrom().item(found)
                    : pages(operation, page, items, next, following, found);
        });
    }

    /**
     * Repeats a description until the resource is ready (EFS file systems and mount targets are usable only
     * once {@code available}; a deleted service is gone once {@code INACTIVE}), for up to {@code timeout}. A resource
     * that is not ready by then may still become so: the failure is retryable.
     */
    public <T> Uni<T> until(CloudOperation operation, Duration timeout, Supplier<Uni<T>> describe, Predicate<T> ready,
            String waitingFor) {
        return until(operation, timeout, describe, ready, waitingFor, "paddock.aws.availability-budget");
    }

    /** {@link #until} with the setting that gave the budget, for the failure's message. */
    public <T> Uni<T> until(CloudOperation operation, Duration timeout, Supplier<Uni<T>> describe, Predicate<T> ready,
            String waitingFor, String setting) {
        return Uni.createFrom().deferred(() -> {
            long giveUpAt = System.nanoTime() + timeout.toNanos();
            return Uni.createFrom().deferred(() -> describe.get())
                    .map(answer -> {
                        if (!ready.test(answer)) {
                            throw new NotReady(operation, waitingFor);
                        }
                        return answer;
                    })
                    .onFailure(f -> f instanceof NotReady && System.nanoTime() < giveUpAt).retry()
                    .withBackOff(initialBackoff.multipliedBy(2), maxBackoff).withJitter(0.2)
                    .indefinitely();
        })
                .onFailure(NotReady.class).transform(notReady -> ProviderException.retryable(operation, "NotAvailable",
                        waitingFor + " did not happen within " + timeout.toSeconds() + " s (" + setting + ")",
                        notReady));
    }

    /** Recognises a failure by AWS's error code. */
    public static Predicate<Throwable> code(String... codes) {
        Set<String> wanted = Set.of(codes);
        return failure -> failure instanceof ProviderException provider && wanted.contains(provider.code());
    }

    /** The same failure, marked as "the resource does not exist". */
    public static ProviderException asNotFound(Throwable failure) {
        ProviderException provider = (ProviderException) failure;
        return ProviderException.notFound(provider.operation(), provider.code(), provider.providerMessage(),
                provider.getCause());
    }

    static ProviderException translate(CloudOperation operation, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof ProviderException provider) {
            return provider;
        }
        if (cause instanceof AwsServiceException aws) {
            return AwsErrorCodes.classify(operation, aws);
        }
        if (cause instanceof SdkClientException client) {
            // No answer came (connection refused or reset, an I/O timeout): worth another attempt; a create
            // that did reach AWS is found by the adapter's read-before-create.
            return ProviderException.retryable(operation, "SdkClientException", String.valueOf(client.getMessage()),
                    client);
        }
        return ProviderException.refused(operation, cause.getClass().getSimpleName(), String.valueOf(cause.getMessage()),
                cause);
    }

    private static final class NotReady extends RuntimeException {
        NotReady(CloudOperation operation, String waitingFor) {
            super(operation + ": waiting for " + waitingFor, null, false, false);
        }
    }
}
