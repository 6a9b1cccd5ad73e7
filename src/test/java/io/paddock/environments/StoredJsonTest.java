package io.paddock.environments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The container names a list reads with the streaming parser are those of the compose the ObjectMapper reads. */
class StoredJsonTest {

    private final StoredJson json = new StoredJson();

    StoredJsonTest() {
        json.mapper = new ObjectMapper().findAndRegisterModules();
    }

    @Test
    void namesTheContainersInTheirOrderAndNothingNestedInThem() {
        String compose = """
                {"architecture":"X86_64","containers":[
                  {"imageReference":{"type":"internal","identifier":"web-latest","name":"not-this"},"name":"web",
                   "environment":[{"name":"NOT_THIS","value":"x"}],"mountPoints":[{"sourceVolume":"files"}]},
                  {"name":"worker","command":["run","name"]}],
                 "name":"nor-this","minCapacity":1}
                """;

        assertThat(json.containerNames(compose)).containsExactly("web", "worker");
    }

    @Test
    void namesNoneWithoutContainers() {
        assertThat(json.containerNames("{\"containers\": []}")).isEmpty();
        assertThat(json.containerNames("{\"containers\": null}")).isEmpty();
        assertThat(json.containerNames("{}")).isEmpty();
    }
}
