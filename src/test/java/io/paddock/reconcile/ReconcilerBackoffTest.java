package io.paddock.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The reconciler's wait between tries of one environment, with the default settings (15 s doubling to 10 min). */
@QuarkusTest
class ReconcilerBackoffTest {

    @Inject
    EnvironmentReconciler reconciler;

    @Test
    void theWaitDoublesWithEveryFailureInARowUpToTheCap() {
        assertThat(reconciler.backoff(0)).isEqualTo(Duration.ofSeconds(15));
        assertThat(reconciler.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(reconciler.backoff(4)).isEqualTo(Duration.ofMinutes(4));
        assertThat(reconciler.backoff(5)).isEqualTo(Duration.ofMinutes(8));
        assertThat(reconciler.backoff(6)).isEqualTo(Duration.ofMinutes(10));
        assertThat(reconciler.backoff(1_000)).isEqualTo(Duration.ofMinutes(10));
    }
}
