package io.paddock.operate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Paddock's nextToken for logs: the provider's token with the time range of the query it continues, so that the
 * next page reads the same range however much time has passed (a client that sends no times would otherwise read a
 * moved window). Opaque to clients: base64url of a small JSON document.
 */
final class LogTokens {

    private LogTokens() {
    }

    record Position(TimeWindow window, String providerToken) {
    }

    static String write(TimeWindow window, String providerToken) {
        String json = new JsonObject().put("s", window.start()).put("e", window.end()).put("p", providerToken).encode();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a token names, or null when it is not one of Paddock's tokens. */
    static Position read(String token) {
        try {
            JsonObject json = new JsonObject(new String(Base64.getUrlDecoder().decode(token.trim()),
                    StandardCharsets.UTF_8));
            Long start = json.getLong("s");
            Long end = json.getLong("e");
            String provider = json.getString("p");
            if (start == null || end == null || provider == null || provider.isEmpty() || start > end) {
                return null;
            }
            return new Position(new TimeWindow(start, end), provider);
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            return null;
        }
    }
}
