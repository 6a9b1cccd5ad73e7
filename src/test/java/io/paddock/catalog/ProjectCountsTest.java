package io.paddock.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ProjectCountsTest {

    @Test
    void keepsACountWithinItsLifetime() throws Exception {
        ProjectCounts counts = new ProjectCounts(Duration.ofMillis(200));
        counts.counted("development", 12, counts.asking());

        assertThat(counts.fresh("development")).isEqualTo(12L);
        assertThat(counts.fresh("production")).isNull();
        Thread.sleep(250);
        assertThat(counts.fresh("development")).isNull();
    }

    @Test
    void dropsACountAskedForBeforeAForgetOfItsStage() {
        ProjectCounts counts = new ProjectCounts(Duration.ofHours(1));
        long asked = counts.asking();
        counts.forget("development");
        counts.counted("development", 12, asked);
        counts.counted("production", 3, asked);

        assertThat(counts.fresh("development")).as("counted before a change, which it may not include").isNull();
        assertThat(counts.fresh("production")).as("another stage's count is kept").isEqualTo(3L);
    }

    @Test
    void dropsEveryCountAskedForBeforeAForgetOfAll() {
        ProjectCounts counts = new ProjectCounts(Duration.ofHours(1));
        long asked = counts.asking();
        counts.forgetAll();
        counts.counted("production", 3, asked);

        assertThat(counts.fresh("production")).isNull();
        counts.counted("production", 4, counts.asking());
        assertThat(counts.fresh("production")).as("asked after the forget").isEqualTo(4L);
    }

    @Test
    void forgetsOneStageOrAll() {
        ProjectCounts counts = new ProjectCounts(Duration.ofHours(1));
        counts.counted("development", 12, counts.asking());
        counts.counted("production", 3, counts.asking());

        counts.forget("development");
        assertThat(counts.fresh("development")).isNull();
        assertThat(counts.fresh("production")).isEqualTo(3L);

        counts.forgetAll();
        assertThat(counts.fresh("production")).isNull();
    }

    @Test
    void aLifetimeOfZeroKeepsNothing() {
        ProjectCounts counts = new ProjectCounts(Duration.ZERO);
        counts.counted("development", 12, counts.asking());

        assertThat(counts.fresh("development")).isNull();
    }
}
