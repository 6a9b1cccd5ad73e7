package io.paddock.catalog;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A catalog environment: a named, typed stage such as development or production. Application
 * environments whose envName matches take its rules (see {@link CatalogRules}).
 */
@Entity
public class CatalogEnvironment extends PanacheEntityBase {

    /** URL-safe (RFC 3986 section 2.3) and the primary key, so a name exists at most once. */
    @Id
    public String name;

    /** development, test, preproduction, production, or any other non-empty string with no special meaning. */
    public String type;

    /** A disabled stage takes no new application environments. */
    public boolean enabled;

    /** A protected stage cannot be deleted, nor can its application environments. */
    @Column(name = "protected")
    public boolean isProtected;

    /** Lists are ordered by this, ascending, then by name. */
    public int sortOrder;

    public OffsetDateTime createdAt;
}
