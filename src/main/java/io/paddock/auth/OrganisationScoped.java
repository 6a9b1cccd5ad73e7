package io.paddock.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * The route belongs to the organisation in its {@code {organisation}} path parameter: admin tokens and
 * that organisation's tokens may call it, and an environment-scoped token only for its own
 * {@code {environment}} (routes without one check the environment name in their service).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface OrganisationScoped {
}
