package io.paddock.web;

import java.util.concurrent.Executor;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Moves a result back onto the caller's Vert.x context. Provider answers arrive on other threads (SDK
 * threads, timers, other event loops); a caller that goes on to use Hibernate Reactive needs its own
 * context back.
 */
public final class CallerContext {

    private CallerContext() {
    }

    /** An executor that runs on the current Vert.x context, or in place when the caller is on none. */
    public static Executor capture() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Runnable::run;
        }
        return task -> context.runOnContext(ignored -> task.run());
    }
}
