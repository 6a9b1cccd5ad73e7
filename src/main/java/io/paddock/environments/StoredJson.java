package io.paddock.environments;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paddock.environments.ScalingPolicyDtos.ScalingPolicyView;
import io.paddock.provisioning.Provisioned;

/** The JSON documents an environment row holds: its compose, what was provisioned for it, its scaling policies. */
@ApplicationScoped
class StoredJson {

    private final ObjectMapper mapper;

    StoredJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Compose compose(String json) {
        return read(json, Compose.class);
    }

    Provisioned provisioned(String json) {
        return read(json, Provisioned.class);
    }

    /** A JSON array of strings (a cron job's command). */
    java.util.List<String> strings(String json) {
        try {
            return java.util.List.of(mapper.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored list of strings is not readable", e);
        }
    }

    List<ScalingPolicyView> scalingPolicies(String json) {
        return List.of(read(json, ScalingPolicyView[].class));
    }

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is not readable", e);
        }
    }
}
