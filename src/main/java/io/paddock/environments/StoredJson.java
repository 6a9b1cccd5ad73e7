package io.paddock.environments;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paddock.provisioning.Provisioned;

/** The JSON documents an environment row holds: its compose, what was provisioned for it, its scaling policies. */
@ApplicationScoped
public class StoredJson {

    @Inject ObjectMapper mapper;

    public Compose compose(String json) {
        return read(json, Compose.class);
    }

    /**
     * The names of a stored compose's containers, in its order: what {@code compose(json).containers()} names, read
     * with the streaming parser, which skips everything else instead of building the whole compose (a list shows
     * only the names, for a thousand environments at a time).
     */
    public List<String> containerNames(String json) {
        try (JsonParser parser = mapper.getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return List.of();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!"containers".equals(field) || value != JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    continue;
                }
                List<String> names = new ArrayList<>();
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    String name = null;
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String containerField = parser.currentName();
                        parser.nextToken();
                        if ("name".equals(containerField)) {
                            name = parser.getValueAsString();
                        } else {
                            parser.skipChildren();
                        }
                    }
                    names.add(name);
                }
                return names;
            }
            return List.of();
        } catch (IOException e) {
            throw new IllegalStateException("stored Compose is not readable", e);
        }
    }

    public Provisioned provisioned(String json) {
        return read(json, Provisioned.class);
    }

    /** An environment's variables (a JSON array of name and value); none when {@code json} is null. */
    public List<Compose.EnvironmentVariable> variables(String json) {
        return json == null ? List.of() : list(json, Compose.EnvironmentVariable[].class);
    }

    /** A JSON array of strings (a cron job's command). */
    public List<String> strings(String json) {
        try {
            return List.of(mapper.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored list of strings is not readable", e);
        }
    }

    /** A JSON array of {@code type} (a feature's stored list). */
    public <T> List<T> list(String json, Class<T[]> type) {
        return List.of(read(json, type));
    }

    public String write(Object value) {
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
