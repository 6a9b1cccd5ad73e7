package io.paddock.provisioning.local;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The local cloud's most recent calls (a bounded log), so tests can check the order in which the
 * orchestrator made them: which calls overlapped and which waited for others.
 */
@ApplicationScoped
public class LocalCloudCalls {

    private static final int CAPACITY = 10_000;

    /** One call: its operation, the environment it concerned, when it started and ended ({@link System#nanoTime()}). */
    public record Call(String operation, UUID environmentId, long startNanos, long endNanos, boolean succeeded) {
    }

    private final Deque<Call> calls = new ArrayDeque<>();

    synchronized void record(Call call) {
        if (calls.size() == CAPACITY) {
            calls.removeFirst();
        }
        calls.addLast(call);
    }

    /** The calls that concerned one environment, in the order they ended. */
    public synchronized List<Call> forEnvironment(UUID environmentId) {
        List<Call> matching = new ArrayList<>();
        for (Call call : calls) {
            if (environmentId.equals(call.environmentId())) {
                matching.add(call);
            }
        }
        return matching;
    }

    public synchronized List<Call> all() {
        return List.copyOf(calls);
    }

    public synchronized void clear() {
        calls.clear();
    }
}
