package io.paddock.environments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.paddock.provisioning.ServiceState;

/** The status cache on its own: what it keeps, for how long, and what Paddock's own changes make it forget. */
class RunningCountsTest {

    private static final ServiceState AT_REST = new ServiceState(2, 2, false);

    private final UUID environment = UUID.randomUUID();

    @Test
    void reusesCountsWithinTheTtlAndAsksAgainAfterIt() throws InterruptedException {
        RunningCounts counts = new RunningCounts(Duration.ofMillis(200));
        counts.reported(environment, AT_REST, counts.asking());

        assertThat(counts.fresh(environment)).isEqualTo(AT_REST);
        Thread.sleep(300);
        assertThat(counts.fresh(environment)).isNull();
    }

    @Test
    void forgetsAnEnvironmentPaddockChanges() {
        RunningCounts counts = new RunningCounts(Duration.ofSeconds(30));
        counts.reported(environment, AT_REST, counts.asking());

        counts.forget(environment);

        assertThat(counts.fresh(environment)).isNull();
    }

    @Test
    void dropsAnAnswerAskedForBeforePaddockChangedTheEnvironment() throws InterruptedException {
        RunningCounts counts = new RunningCounts(Duration.ofSeconds(30));
        long askedAt = counts.asking();
        Thread.sleep(1);
        counts.forget(environment);

        counts.reported(environment, AT_REST, askedAt);
        assertThat(counts.fresh(environment)).isNull();

        counts.reported(environment, AT_REST, counts.asking());
        assertThat(counts.fresh(environment)).isEqualTo(AT_REST);
    }

    @Test
    void keepsNoServiceOnItsWay() {
        RunningCounts counts = new RunningCounts(Duration.ofSeconds(30));
        UUID starting = UUID.randomUUID();
        UUID rolling = UUID.randomUUID();

        counts.reported(starting, new ServiceState(0, 1, false), counts.asking());
        counts.reported(rolling, new ServiceState(1, 1, true), counts.asking());

        assertThat(counts.fresh(starting)).isNull();
        assertThat(counts.fresh(rolling)).isNull();
    }

    @Test
    void aTtlOfZeroKeepsNothing() {
        RunningCounts counts = new RunningCounts(Duration.ZERO);
        counts.reported(environment, AT_REST, counts.asking());

        assertThat(counts.fresh(environment)).isNull();
    }
}
