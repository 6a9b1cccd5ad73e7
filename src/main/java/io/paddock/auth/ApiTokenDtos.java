package io.paddock.auth;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.paddock.errors.ApiError.Detail;
import io.paddock.web.ValidatedRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The token admin API's request and response bodies.
 * Registered for reflection with every nested record: some are {@code Response} entities, which the native
 * image does not find in the resource signatures.
 */
@RegisterForReflection
public final class ApiTokenDtos {

    private ApiTokenDtos() {
    }

    @Schema(name = "CreateApiTokenRequest", description = "Without organisation the token is an admin token (*:*); "
            + "with an organisation only, it may use that organisation's application environments; with both, only "
            + "application environments of that envName in that organisation.")
    public record CreateApiTokenRequest(
            @NotBlank(message = "is required; send a name that says what the token is for")
            @Size(max = 100, message = "must be at most 100 characters") String tokenName,
            @Pattern(regexp = "^[a-zA-Z0-9][a-zA-Z0-9_-]{0,62}$",
                    message = "must be an organisation id: 1-63 letters, digits, _ or -, starting with a letter or digit") String organisation,
            @Pattern(regexp = "^[a-zA-Z0-9_-]{1,63}$",
                    message = "must be an environment name: 1-63 letters, digits, _ or -") String environment,
            @Schema(nullable = true, description = "What the token may do beyond reading and changing its environments:"
                    + " \"shell\" (credentials for a shell in a running task), \"registry\" (a docker login for the image"
                    + " registry). Admin tokens may do both.", enumeration = { "shell", "registry" }) List<String> grants)
            implements ValidatedRequest {

        @Override
        public List<Detail> problems() {
            List<Detail> problems = new ArrayList<>();
            if (grants != null) {
                for (int i = 0; i < grants.size(); i++) {
                    if (grants.get(i) == null || !Caller.GRANTS.contains(grants.get(i))) {
                        problems.add(new Detail("/grants/" + i, "must be \"shell\" or \"registry\""));
                    }
                }
            }
            if (environment != null && organisation == null) {
                problems.add(new Detail("/organisation", "is required when environment is given; a token is scoped "
                        + "to an environment of one organisation"));
            }
            return problems;
        }
    }

    @Schema(name = "ApiToken", description = "A token as listed: never with its secret.")
    public record ApiTokenView(
            UUID id,
            String tokenName,
            @Schema(description = "\"*\" for every organisation") String organisation,
            @Schema(description = "\"*\" for every environment") String environment,
            @Schema(description = "admin, organisation or environment") String type,
            @Schema(description = "What it may do beyond its environments: shell, registry") List<String> grants,
            OffsetDateTime createdAt) {

        static ApiTokenView of(ApiToken t) {
            return new ApiTokenView(t.id, t.tokenName, star(t.organisation), star(t.environment), ApiTokenDtos.type(t),
                    ApiTokenDtos.grants(t), t.createdAt);
        }
    }

    @Schema(name = "CreatedApiToken", description = "A new token. The secret is shown only in this response.")
    public record CreatedApiToken(
            UUID id,
            String tokenName,
            String organisation,
            String environment,
            String type,
            List<String> grants,
            @Schema(description = "The full token to send as the Authorization header", examples = "acme:*.5f0c...")
            String secret,
            OffsetDateTime createdAt) {
    }

    @Schema(name = "ApiTokenList")
    public record ApiTokenList(List<ApiTokenView> tokens) {
    }

    static String star(String value) {
        return value == null ? "*" : value;
    }

    /** Admin tokens hold every grant. */
    static List<String> grants(ApiToken t) {
        return t.organisation == null ? Caller.GRANTS.stream().sorted().toList()
                : Caller.parsed(t.grants).stream().sorted().toList();
    }

    static String type(ApiToken t) {
        return t.organisation == null ? "admin" : t.environment == null ? "organisation" : "environment";
    }
}
