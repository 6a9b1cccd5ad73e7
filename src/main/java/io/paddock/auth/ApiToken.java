package io.paddock.auth;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A stored API token: its scope and the hash of its full text, never the text itself. */
@Entity
@Table(name = "api_token")
public class ApiToken extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "token_name", nullable = false)
    public String tokenName;

    /** null: every organisation. */
    public String organisation;

    /** null: every environment of the organisation. */
    public String environment;

    @Column(name = "secret_hash", nullable = false, unique = true)
    public byte[] secretHash;

    /** Comma-separated grants ({@link Caller#GRANTS}); empty for none. */
    @Column(nullable = false)
    public String grants = "";

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
