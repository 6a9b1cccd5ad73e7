package io.paddock.web;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Work that runs to its end once started, even when its subscriber goes away. A request whose client hangs up
 * is cancelled; cancelling a create half-way would leave cloud resources nothing undoes, a transaction closed
 * under a statement still running, or an environment CREATING until its lease runs out. The resources hand
 * every write to their service through it, and the orchestrator every provider operation.
 */
public final class Detached {

    private Detached() {
    }

    /** Starts the operation when subscribed to and keeps it running whatever the subscriber does. */
    public static <T> Uni<T> run(Supplier<Uni<T>> operation) {
        return Uni.createFrom().deferred(() -> {
            Uni<T> running = operation.get().memoize().indefinitely();
            running.subscribe().with(ignored -> {
            }, ignored -> {
            });
            return running;
        });
    }
}
