package io.paddock.volumes;

import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static io.paddock.testing.Environments.webWithVolume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.paddock.provisioning.ProvisioningTestSupport;
import io.paddock.provisioning.local.LocalCloudSettings;
import io.paddock.testing.EnvironmentRows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** An environment's volumes: EFS access points, over real HTTP against the local provider. */
@QuarkusTest
class VolumeApiTest {

    @Inject
    LocalCloudSettings cloud;

    @Inject
    ProvisioningTestSupport support;

    @Inject
    EnvironmentRows rows;

    private final String app = unique("shop");

    private String envs() {
        return path("acme", app);
    }

    @AfterEach
    void cloudAnswersAgain() {
        support.resetCloud();
    }

    @Test
    void volumesAreListedCreatedReadAndDeleted() {
        asAdmin().body(webWithVolume("dev")).post(envs()).then().statusCode(201);
        String volumes = envs() + "/dev/volumes";
        asAdmin().get(volumes).then().statusCode(200).body("volumeName", equalTo(List.of("files")));

        Response created = asAdmin().body(Map.of("volumeName", "cache", "description", "build cache")).post(volumes);
        created.then().statusCode(201)
                .body("volumeName", equalTo("cache"))
                .body("description", equalTo("build cache"))
                .body("rootDirectory", equalTo("/cache"))
                .body("accessPointId", matchesPattern("^fsap-[0-9a-f]{17}$"));
        String id = created.path("volumeId");
        asAdmin().get(volumes + "/" + id).then().statusCode(200).body("volumeName", equalTo("cache"));
        asAdmin().get(volumes + "/cache").then().statusCode(200).body("volumeId", equalTo(id));
        assertError(asAdmin().body(Map.of("volumeName", "cache")).post(volumes), 409, "NameExistsError");
        assertError(asAdmin().body(Map.of("volumeName", "bad name")).post(volumes), 400, "ValidationError");

        assertError(asAdmin().delete(volumes + "/files"), 409, "VolumeInUseError");
        asAdmin().delete(volumes + "/" + id).then().statusCode(204);
        assertError(asAdmin().get(volumes + "/" + id), 404, "NotFoundError");
        asAdmin().get(volumes).then().body("volumeName", equalTo(List.of("files")));
    }


    @Test
    void anEnvironmentWithoutVolumesGetsAFileSystemForItsFirstVolume() {
        asAdmin().body(request("dev", compose(container("web")))).post(envs()).then().statusCode(201).body("volumes", empty());
        asAdmin().body(Map.of("volumeName", "uploads", "rootDirectory", "/srv/uploads")).post(envs() + "/dev/volumes")
                .then().statusCode(201)
                .body("rootDirectory", equalTo("/srv/uploads"))
                .body("environmentEfsId", matchesPattern("^fs-[0-9a-f]{17}$"));
    }

    @Test
    void aFailedVolumeCreateAnswers502AndAddsNothing() {
        asAdmin().body(webWithVolume("dev")).post(envs()).then().statusCode(201);
        UUID id = rows.id(app, "dev");
        cloud.setFailOn(List.of("CreateAccessPoint"));
        assertError(asAdmin().body(Map.of("volumeName", "cache")).post(envs() + "/dev/volumes"), 502, "ProvisioningFailed");
        asAdmin().get(envs() + "/dev/volumes").then().body("volumeName", equalTo(List.of("files")));
        assertThat(support.ledger(id)).hasSize(12);
        asAdmin().get(envs() + "/dev").then().body("status", equalTo("ACTIVE"));
    }
}
