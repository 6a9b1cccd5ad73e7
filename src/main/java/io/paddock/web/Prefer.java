package io.paddock.web;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.core.HttpHeaders;

/** The {@code Prefer} request header (RFC 7240), of which Paddock honours {@code respond-async}. */
public final class Prefer {

    public static final String HEADER = "Prefer";
    public static final String APPLIED = "Preference-Applied";
    public static final String RESPOND_ASYNC = "respond-async";

    private Prefer() {
    }

    /**
     * Whether the request prefers an answer before its work is done: a {@code respond-async} preference in any of its
     * Prefer headers (preferences are comma-separated, may carry parameters after ';', and are case-insensitive).
     */
    public static boolean respondAsync(HttpHeaders headers) {
        List<String> values = headers.getRequestHeader(HEADER);
        if (values == null) {
            return false;
        }
        for (String value : values) {
            for (String preference : value.split(",")) {
                String token = preference.split(";", 2)[0].split("=", 2)[0].trim().toLowerCase(Locale.ROOT);
                if (token.equals(RESPOND_ASYNC)) {
                    return true;
                }
            }
        }
        return false;
    }
}
