package io.paddock.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.provisioning.local.LocalCloudCalls;
import io.paddock.provisioning.local.LocalCloudSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(CallTimeoutTest.ShortCallTimeout.class)
class CallTimeoutTest {

    /**
     * Short, but not so short that the first calls of a freshly started application miss it on a busy machine: the
     * slow call below takes three times as long.
     */
    public static class ShortCallTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("paddock.cloud.call-timeout", "1s");
        }
    }

    @Inject
    Provisioning provisioning;

    @Inject
    ProvisioningTestSupport support;

    @Inject
    LocalCloudSettings settings;

    @Inject
    LocalCloudCalls calls;

    @BeforeEach
    @AfterEach
    void resetCloud() {
        support.resetCloud();
    }

    @Test
    void aCallSlowerThanTheTimeoutFailsTheCreateAndWhatItMadeLateIsUndone() {
        settings.setLatency(CloudOperation.CREATE_SERVICE, Duration.ofMillis(3000));
        EnvironmentPlan plan = Plans.web();

        ProvisioningFailedException failure = support.failure(() -> provisioning.create(plan));

        assertEquals("CreateService", failure.step());
        assertEquals("RequestTimeout", failure.providerCode());
        assertFalse(failure.isTerminal(), "a call that did not answer in time may answer the next time");
        assertEquals(List.of(), support.ledger(plan.environmentId()));
        assertEquals(List.of(), support.inventory(plan.environmentId()));
        List<String> operations = calls.forEnvironment(plan.environmentId()).stream()
                .map(LocalCloudCalls.Call::operation).toList();
        assertTrue(operations.contains("DeleteService"), "the late service was not undone: " + operations);
        assertTrue(!operations.contains("RegisterScalableTarget"), operations.toString());
    }
}
