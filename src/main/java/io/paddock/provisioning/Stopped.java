package io.paddock.provisioning;

/**
 * A step was not started because its operation was asked to stop (see {@link StepGuard}): cancelled by a client,
 * or past its deadline. The run undoes what it made, as after a failure.
 */
public final class Stopped extends RuntimeException {

    private final StepGuard.Verdict verdict;
    private final String step;

    Stopped(StepGuard.Verdict verdict, String step) {
        super((verdict == StepGuard.Verdict.CANCELLED ? "the operation was cancelled" : "the operation ran past its deadline")
                + " before " + step, null, false, false);
        this.verdict = verdict;
        this.step = step;
    }

    /** CANCELLED or TIMED_OUT. */
    public StepGuard.Verdict verdict() {
        return verdict;
    }

    /** The step that was not started. */
    public String step() {
        return step;
    }
}
