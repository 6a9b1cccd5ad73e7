package io.paddock.auth;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A stored API token: its scope and the hash of its full text, never the text itself. */
@Entity
public class ApiToken extends PanacheEntityBase {

    @Id
    public UUID id;

    public String tokenName;

    /** null: every organisation. */
    public String organisation;

    /** null: every environment of the organisation. */
    public String environment;

    public byte[] secretHash;

    /** Comma-separated grants ({@link Caller#GRANTS}); empty for none. */
    public String grants = "";

    public OffsetDateTime createdAt;
}
