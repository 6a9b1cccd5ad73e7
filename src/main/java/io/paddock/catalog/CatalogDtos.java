package io.paddock.catalog;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.paddock.errors.ApiError.Detail;
import io.paddock.web.ValidatedRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The environment catalog API's request and response bodies (Unleash's admin environments schemas).
 * Registered for reflection with every nested record: some are {@code Response} entities, which the native
 * image does not find in the resource signatures.
 */
@RegisterForReflection
public final class CatalogDtos {

    static final String NAME_REQUIRED = "is required; send the environment's name, e.g. \"staging\"";
    static final String NAME_SIZE = "must be 1 to 100 characters long; send a shorter name";
    static final String NAME_PATTERN = "may contain only letters, digits and ~ _ . - (URL-safe per RFC 3986 "
            + "section 2.3); send a name such as \"pre-prod_2\", without spaces or /";
    static final String NAME_DESCRIPTION = "The name of the environment: 1 to 100 characters, URL-friendly "
            + "according to RFC 3986 section 2.3 (letters, digits, ~ _ . -). \".\" and \"..\" are refused because "
            + "they cannot be used as a path segment.";
    static final String TYPE_DESCRIPTION = "The type of environment. Paddock recognises development, test, "
            + "preproduction and production; any other non-empty string (at most 100 characters) is accepted but "
            + "carries no special meaning.";
    static final String TYPE_REQUIRED = "is required; send a non-empty type such as development, test, preproduction or production";
    static final String TYPE_SIZE = "must be at most 100 characters; send a shorter type";
    static final String TYPE_BLANK = "must not be empty; send a type such as development, test, preproduction or production";

    private CatalogDtos() {
    }

    @Schema(name = "CreateCatalogEnvironmentRequest", description = "A new catalog environment.")
    public record CreateCatalogEnvironmentRequest(
            @Schema(description = NAME_DESCRIPTION, required = true, examples = "my-dev-env",
                    pattern = "^[a-zA-Z0-9~_.-]+$", minLength = 1, maxLength = 100)
            @CatalogName String name,
            @Schema(description = TYPE_DESCRIPTION, required = true, examples = "development", minLength = 1)
            @NotBlank(message = TYPE_REQUIRED)
            @Size(max = 100, message = TYPE_SIZE) String type,
            @Schema(description = "Newly created environments are enabled by default. Set this property to false "
                    + "to create the environment in a disabled state.", defaultValue = "true") Boolean enabled,
            @Schema(description = "Where in the list of environments to place this environment. The list uses an "
                    + "ascending sort, so lower numbers are shown first. Without it, the environment goes after "
                    + "the current last one. You can change this value later.", examples = "3") Integer sortOrder)
            implements ValidatedRequest {

        @Override
        public List<Detail> problems() {
            return dotNameProblems("/name", name);
        }
    }

    @Schema(name = "UpdateCatalogEnvironmentRequest", description = "The properties to change; absent ones keep their value.")
    public record UpdateCatalogEnvironmentRequest(
            @Schema(description = TYPE_DESCRIPTION, examples = "production", minLength = 1)
            @Size(max = 100, message = TYPE_SIZE) String type,
            @Schema(description = "The new position in the list of environments (ascending).", examples = "4")
            Integer sortOrder) implements ValidatedRequest {

        @Override
        public List<Detail> problems() {
            return typeProblems(type);
        }
    }

    @Schema(name = "CloneCatalogEnvironmentRequest", description = "The environment to create as a copy of an existing "
            + "one. It copies the source's enabled flag and is never protected.")
    public record CloneCatalogEnvironmentRequest(
            @Schema(description = NAME_DESCRIPTION, required = true, examples = "my-dev-env-2",
                    pattern = "^[a-zA-Z0-9~_.-]+$", minLength = 1, maxLength = 100)
            @CatalogName String name,
            @Schema(description = TYPE_DESCRIPTION + " Without it, the source's type is used.", examples = "test",
                    minLength = 1)
            @Size(max = 100, message = TYPE_SIZE) String type,
            @Schema(description = "Where to place the new environment in the list (ascending). Without it, the "
                    + "environment goes after the current last one.", examples = "5") Integer sortOrder)
            implements ValidatedRequest {

        @Override
        public List<Detail> problems() {
            List<Detail> problems = new ArrayList<>(dotNameProblems("/name", name));
            problems.addAll(typeProblems(type));
            return problems;
        }
    }

    @Schema(name = "CatalogEnvironmentNameRequest", description = "An environment name to check before creating it.")
    public record CatalogEnvironmentNameRequest(
            @Schema(description = NAME_DESCRIPTION, required = true, examples = "my-dev-env",
                    pattern = "^[a-zA-Z0-9~_.-]+$", minLength = 1, maxLength = 100)
            @CatalogName String name)
            implements ValidatedRequest {

        @Override
        public List<Detail> problems() {
            return dotNameProblems("/name", name);
        }
    }

    @Schema(name = "CatalogEnvironment", description = "A catalog environment. Unleash also reports "
            + "enabledToggleCount; Paddock has no feature toggles, so that optional field is left out.")
    public record CatalogEnvironmentView(
            @Schema(description = "The name of the environment", examples = "my-dev-env", required = true) String name,
            @Schema(description = "The type of the environment", examples = "development", required = true) String type,
            @Schema(description = "true if the environment is enabled, otherwise false. A disabled environment "
                    + "takes no new application environments.", required = true) boolean enabled,
            @JsonProperty("protected")
            @Schema(name = "protected", description = "true if the environment is protected, otherwise false. A "
                    + "protected environment can not be deleted, nor can its application environments.",
                    required = true) boolean isProtected,
            @Schema(description = "Priority of the environment in a list of environments: the lower the value, "
                    + "the higher up in the list the environment appears.", examples = "3", required = true)
            int sortOrder,
            @Schema(description = "The number of applications with a live application environment of this name "
                    + "(FAILED and DELETING ones are not counted)", examples = "10", required = true)
            long projectCount,
            @Schema(description = "The number of API tokens scoped to this environment", examples = "6",
                    required = true) long apiTokenCount) {
    }

    @Schema(name = "CatalogEnvironmentList", description = "Every catalog environment, ordered by sortOrder, then name.")
    public record CatalogEnvironmentList(
            @Schema(description = "The version of this schema; always 1", examples = "1", required = true) int version,
            @Schema(required = true) List<CatalogEnvironmentView> environments) {
    }

    private static List<Detail> dotNameProblems(String pointer, String name) {
        if (".".equals(name) || "..".equals(name)) {
            return List.of(new Detail(pointer, "must not be \".\" or \"..\", which cannot be used in a URL path; "
                    + "send a name with at least one letter, digit, ~, _ or -"));
        }
        return List.of();
    }

    private static List<Detail> typeProblems(String type) {
        if (type != null && type.isBlank()) {
            return List.of(new Detail("/type", TYPE_BLANK));
        }
        return List.of();
    }
}
