package io.paddock.volumes;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.paddock.errors.ApiError.Detail;
import io.paddock.web.ValidatedRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The request bodies of an environment's volumes (Quant Cloud v3 dialect). A volume is answered as the
 * environment body's {@code Volume} ({@link io.paddock.environments.EnvironmentDtos.VolumeView}).
 */
@RegisterForReflection
public final class VolumeDtos {

    private VolumeDtos() {
    }

    /** Quant's createVolume request (4.19): volumeName, and description and rootDirectory, both nullable. */
    @Schema(name = "createVolume_request")
    public record CreateVolumeRequest(
            @Schema(description = "Volume name: 1-63 letters, digits, _ or -", pattern = "^[a-zA-Z0-9_-]{1,63}$")
            @NotBlank(message = "is required; send the volume's name")
            @Pattern(regexp = "^[a-zA-Z0-9_-]{1,63}$", message = "must be a volume name: 1-63 letters, digits, _ or -") String volumeName,
            @Schema(description = "Volume description", nullable = true, maxLength = 255)
            @Size(max = 255, message = "must be at most 255 characters") String description,
            @Schema(description = "Directory on the environment's file system that the volume exposes; default /<volumeName>",
                    nullable = true)
            @Pattern(regexp = "^/[a-zA-Z0-9_./-]{0,99}$", message = "must be an absolute path of letters, digits, _ . / -, at most 100 characters")
            String rootDirectory) implements ValidatedRequest {

        @Override
        public List<Detail> problems() {
            if (rootDirectory != null && (rootDirectory.contains("/../") || rootDirectory.endsWith("/.."))) {
                return List.of(new Detail("/rootDirectory", "must not climb out of the file system with .."));
            }
            return List.of();
        }
    }
}
