package io.paddock.events;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.paddock.errors.ApiException;

/**
 * Where a stream is: past the events of transactions before {@code tx}, and of {@code tx} up to {@code seq}. As a
 * string it is the id of the last event sent ({@code <tx>-<seq>}), which a client sends back as Last-Event-ID.
 */
record EventCursor(long tx, long seq) {

    private static final Pattern ID = Pattern.compile("^(\\d{1,19})-(\\d{1,19})$");

    static EventCursor parse(String id) {
        Matcher m = ID.matcher(id.strip());
        if (!m.matches()) {
            throw ApiException.validation("Last-Event-ID", "must be the id of an event this stream sent, such as "
                    + "12345-678; leave it out to receive the changes from now on");
        }
        try {
            return new EventCursor(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        } catch (NumberFormatException e) {
            throw ApiException.validation("Last-Event-ID", "names no event this stream could have sent");
        }
    }

    String id() {
        return tx + "-" + seq;
    }
}
