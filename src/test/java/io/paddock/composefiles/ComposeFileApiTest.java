package io.paddock.composefiles;

import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.detailPaths;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paddock.testing.ContractSchemas;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** {@code POST /compose/validate}: docker-compose files translated, validated as a create's compose, or a 422. */
@QuarkusTest
class ComposeFileApiTest {

    private static final ContractSchemas QUANT = ContractSchemas.quant();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The contract's examples: the organisation test-org, the suffix pr-456. */
    private static final String VALIDATE = "/api/v3/organizations/test-org/compose/validate";

    private static final String SHOP = """
            x-common: &common
              working_dir: /app
              environment:
                APP_ENV: production
            services:
              web:
                <<: *common
                build: ./web
                image: shop/web:1.4
                ports:
                  - "80:8080"
                  - target: 9090
                    published: 9090
                command: php artisan serve --host "0.0.0.0"
                user: "1000"
                volumes:
                  - ./uploads:/app/uploads
                  - cache:/app/cache:ro
                depends_on:
                  db:
                    condition: service_healthy
                healthcheck:
                  test: curl -f http://localhost:8080/health || exit 1
                  interval: 1m30s
                  timeout: 10s
                  retries: 5
                  start_period: 20s
                deploy:
                  replicas: 2
                  resources:
                    limits: {cpus: '0.5', memory: 1G}
                    reservations: {memory: 256M}
                restart: always
              db:
                image: postgres:16
                environment:
                  - POSTGRES_DB=shop
                  - POSTGRES_PASSWORD
                expose: ["5432"]
                volumes:
                  - type: volume
                    source: dbdata
                    target: /var/lib/postgresql/data
                entrypoint: ["docker-entrypoint.sh"]
                healthcheck:
                  test: ["CMD", "pg_isready"]
            volumes:
              dbdata: {}
              cache: {}
            """;

    private static Map<String, Object> body(String compose) {
        Map<String, Object> body = new HashMap<>();
        body.put("compose", compose);
        return body;
    }

    private static JsonNode json(Response response) throws Exception {
        return JSON.readTree(response.asString());
    }

    @Test
    void translatesEveryServiceIntoAContainerWithWarningsForWhatIsLeftOut() throws Exception {
        Map<String, Object> request = body(SHOP);
        assertThat(QUANT.violations(QUANT.schema("validateCompose_request"), JSON.valueToTree(request))).isEmpty();
        Response answered = asAdmin().queryParam("imageSuffix", "pr-456").body(request).post(VALIDATE);
        answered.then().statusCode(200).body("message", containsString("validated successfully"));
        JsonNode compose = json(answered).path("translatedComposeDefinition");

        JsonNode web = compose.path("containers").get(0);
        assertThat(web.path("name").asText()).isEqualTo("web");
        assertThat(web.path("imageReference").toString()).isEqualTo("{\"type\":\"internal\",\"identifier\":\"web-pr-456\"}");
        assertThat(web.path("exposedPorts").toString()).isEqualTo("[8080,9090]");
        assertThat(web.path("command").toString()).isEqualTo("[\"php\",\"artisan\",\"serve\",\"--host\",\"0.0.0.0\"]");
        assertThat(web.path("workingDirectory").asText()).isEqualTo("/app");
        assertThat(web.path("user").asText()).isEqualTo("1000");
        assertThat(web.path("environment").toString()).isEqualTo("[{\"name\":\"APP_ENV\",\"value\":\"production\"}]");
        assertThat(web.path("mountPoints").toString()).isEqualTo("[{\"sourceVolume\":\"uploads\",\"containerPath\":"
                + "\"/app/uploads\"},{\"sourceVolume\":\"cache\",\"containerPath\":\"/app/cache\",\"readOnly\":true}]");
        assertThat(web.path("dependsOn").toString()).isEqualTo("[{\"containerName\":\"db\",\"condition\":\"HEALTHY\"}]");
        assertThat(web.path("healthCheck").toString()).isEqualTo("{\"command\":[\"CMD-SHELL\",\"curl -f "
                + "http://localhost:8080/health || exit 1\"],\"interval\":90,\"timeout\":10,\"retries\":5,\"startPeriod\":20}");
        assertThat(web.path("cpu").asInt()).isEqualTo(512);
        assertThat(web.path("memory").asInt()).isEqualTo(1024);
        assertThat(web.path("memoryReservation").asInt()).isEqualTo(256);

        JsonNode db = compose.path("containers").get(1);
        assertThat(db.path("imageReference").toString()).isEqualTo("{\"type\":\"external\",\"identifier\":\"postgres:16\"}");
        assertThat(db.path("environment").toString()).isEqualTo("[{\"name\":\"POSTGRES_DB\",\"value\":\"shop\"}]");
        assertThat(db.path("exposedPorts").toString()).isEqualTo("[5432]");
        assertThat(db.path("entryPoint").toString()).isEqualTo("[\"docker-entrypoint.sh\"]");
        assertThat(db.path("mountPoints").get(0).path("sourceVolume").asText()).isEqualTo("dbdata");
        assertThat(db.path("healthCheck").path("command").toString()).isEqualTo("[\"CMD\",\"pg_isready\"]");
        assertThat(compose.path("architecture").asText()).isEqualTo("X86_64");
        assertThat(compose.path("taskCpu").asInt()).isEqualTo(512);
        assertThat(compose.path("taskMemory").asInt()).isEqualTo(1024);

        assertThat(json(answered).path("translationWarnings")).extracting(JsonNode::asText)
                .anySatisfy(w -> assertThat(w).contains("Service 'web' uses 'build' directive").contains("web-pr-456"))
                .anySatisfy(w -> assertThat(w).contains("'./uploads' uses a relative path source").contains("'uploads'"))
                .anySatisfy(w -> assertThat(w).contains("POSTGRES_PASSWORD has no value"))
                .anySatisfy(w -> assertThat(w).contains("'restart' is ignored"))
                .anySatisfy(w -> assertThat(w).contains("deploy.replicas is ignored"))
                .anySatisfy(w -> assertThat(w).contains("published port for 8080"))
                .anySatisfy(w -> assertThat(w).contains("Top-level 'volumes'"));

        // What it answers is what a create takes.
        String app = unique("compose");
        asAdmin().body(Map.of("envName", "preview", "composeDefinition", JSON.convertValue(compose, Map.class)))
                .post(path("test-org", app)).then().statusCode(201);
    }

    @Test
    void theBodysImageSuffixAppliesUnlessTheQueryGivesOne() throws Exception {
        String compose = "services:\n  web:\n    build: .\n  cache:\n    image: redis:7\n";
        Map<String, Object> request = body(compose);
        request.put("imageSuffix", "feature-x");
        request.put("application", "shop");
        assertThat(QUANT.violations(QUANT.schema("validateCompose_request"), JSON.valueToTree(request))).isEmpty();
        asAdmin().body(request).post(VALIDATE).then().statusCode(200)
                .body("translatedComposeDefinition.containers[0].imageReference.identifier", equalTo("web-feature-x"))
                .body("translatedComposeDefinition.containers[1].imageReference.identifier", equalTo("redis:7"));
        asAdmin().queryParam("imageSuffix", "pr-456").body(request).post(VALIDATE).then().statusCode(200)
                .body("translatedComposeDefinition.containers[0].imageReference.identifier", equalTo("web-pr-456"));
        asAdmin().body(body(compose)).post(VALIDATE).then().statusCode(200)
                .body("translatedComposeDefinition.containers[0].imageReference.identifier", equalTo("web-latest"));
    }

    @Test
    void yamlThatDoesNotParseOrIsNoComposeFileIs422() {
        for (String broken : List.of("services: [web", "- just\n- a list\n", "services:\n  web: {image: a}\n  web: {image: b}\n",
                "   ")) {
            assertError(asAdmin().body(body(broken)).post(VALIDATE), 422, "UnprocessableCompose")
                    .body("error", containsString("Invalid YAML"));
        }
        Response noServices = asAdmin().body(body("volumes: {}\n")).post(VALIDATE);
        assertError(noServices, 422, "UnprocessableCompose");
        assertThat(detailPaths(noServices)).containsExactly("/services");
        Response untranslatable = asAdmin().body(body("services:\n  web:\n    image: nginx\n    ports: 8080\n    healthcheck:\n"
                + "      test: [CMD, x]\n      interval: soon\n  worker:\n    command: run\n")).post(VALIDATE);
        assertError(untranslatable, 422, "UnprocessableCompose").body("error", containsString("cannot be translated"));
        assertThat(detailPaths(untranslatable)).containsExactly("/services/web/ports", "/services/web/healthcheck/interval",
                "/services/worker");
    }

    @Test
    void aTranslationTheCreateWouldRefuseIs422WithTheValidatorsProblems() {
        String clash = "services:\n  web:\n    image: nginx\n    ports: ['8080', '70000']\n  api:\n    image: api\n"
                + "    ports: ['8080']\n    depends_on: [queue]\n";
        Response refused = asAdmin().body(body(clash)).post(VALIDATE);
        assertError(refused, 422, "UnprocessableCompose").body("error", containsString("not valid"));
        assertThat(detailPaths(refused)).contains("/containers/0/exposedPorts/1", "/containers/1/dependsOn/0/containerName");
        assertThat(refused.jsonPath().getString("message")).contains("service 'web'");
    }

    @Test
    void anAliasBombADeepDocumentAndAnOversizedOneAre422NotAnOutage() {
        StringBuilder bomb = new StringBuilder("x-a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            char previous = (char) (level - 1);
            bomb.append("x-").append(level).append(": &").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            bomb.append("]\n");
        }
        bomb.append("services:\n  web:\n    image: nginx\n    command: *i\n");
        assertError(asAdmin().body(body(bomb.toString())).post(VALIDATE), 422, "UnprocessableCompose")
                .body("error", containsString("aliases"));

        String deep = "services:\n  web:\n    image: nginx\n    x-deep: " + "[".repeat(200) + "]".repeat(200) + "\n";
        assertError(asAdmin().body(body(deep)).post(VALIDATE), 422, "UnprocessableCompose")
                .body("error", containsString("Nesting"));

        String large = "services:\n  web:\n    image: nginx\n# " + "x".repeat(300 * 1024) + "\n";
        assertError(asAdmin().body(body(large)).post(VALIDATE), 422, "UnprocessableCompose")
                .body("error", containsString("paddock.limits.compose-yaml-max-size"));
    }

    @Test
    void aRequestWithoutComposeOrWithAWrongSuffixIs400() {
        assertThat(detailPaths(assertValidation(asAdmin().body(Map.of("imageSuffix", "x")).post(VALIDATE))))
                .containsExactly("/compose");
        assertThat(detailPaths(assertValidation(asAdmin().body(Map.of("compose", "services: {}", "yaml", "x"))
                .post(VALIDATE)))).containsExactly("/yaml");
        assertThat(detailPaths(assertValidation(asAdmin().body(Map.of("compose", "services: {}", "imageSuffix", "-X-"))
                .post(VALIDATE)))).containsExactly("/imageSuffix");
        assertValidation(asAdmin().queryParam("imageSuffix", "Not_Valid").body(body("services: {}")).post(VALIDATE))
                .then().body("details[0].message", containsString("lower-case"));
    }

    private static Response assertValidation(Response response) {
        assertError(response, 400, "ValidationError");
        return response;
    }
}
