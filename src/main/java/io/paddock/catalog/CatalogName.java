package io.paddock.catalog;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A catalog environment's name as a request sends it: present, 1 to 100 characters, URL-safe (RFC 3986 section
 * 2.3). Each rule it breaks is its own problem, with the message of that rule. "." and ".." are refused by the
 * requests' own checks (they cannot be a path segment).
 */
@NotNull(message = CatalogDtos.NAME_REQUIRED)
@Size(min = 1, max = 100, message = CatalogDtos.NAME_SIZE)
@Pattern(regexp = "^[a-zA-Z0-9~_.-]*$", message = CatalogDtos.NAME_PATTERN)
@Constraint(validatedBy = {})
@Target({ FIELD, METHOD, PARAMETER })
@Retention(RUNTIME)
public @interface CatalogName {

    String message() default "is not a catalog environment name";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
