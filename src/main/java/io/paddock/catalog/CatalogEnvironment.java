package io.paddock.catalog;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A catalog environment: a named, typed stage such as development or production. Application
 * environments whose envName matches take its rules (see {@link CatalogRules}).
 */
@Entity
@Table(name = "catalog_environment")
public class CatalogEnvironment extends PanacheEntityBase {

    /** URL-safe (RFC 3986 section 2.3) and the primary key, so a name exists at most once. */
    @Id
    public String name;

    /** development, test, preproduction, production, or any other non-empty string with no special meaning. */
    @Column(nullable = false)
    public String type;

    /** A disabled stage takes no new application environments. */
    @Column(nullable = false)
    public boolean enabled;

    /** A protected stage cannot be deleted, nor can its application environments. */
    @Column(name = "protected", nullable = false)
    public boolean isProtected;

    /** Lists are ordered by this, ascending, then by name. */
    @Column(name = "sort_order", nullable = false)
    public int sortOrder;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
