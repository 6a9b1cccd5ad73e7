package io.paddock.operate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.paddock.errors.ApiError.Detail;
import io.paddock.errors.ApiException;

/**
 * The problems of one request's query parameters, collected so that every one is reported at once, as Quant's
 * contract answers them: 422 with Paddock's error body, each detail naming its parameter.
 */
final class QueryProblems {

    /** Up to 10 digits is seconds since the epoch (until the year 2286); more is milliseconds. */
    private static final int SECONDS_DIGITS = 10;

    private final List<Detail> details = new ArrayList<>();

    void add(String parameter, String message) {
        details.add(new Detail(parameter, message));
    }

    boolean has(String parameter) {
        return details.stream().anyMatch(detail -> detail.path().equals(parameter));
    }

    /** Throws the 422 when anything was found. */
    void check() {
        if (!details.isEmpty()) {
            throw refused(details);
        }
    }

    static ApiException refused(List<Detail> details) {
        return new ApiException(422, "ValidationError",
                "The request's query parameters are not valid. See details for each problem.", details);
    }

    static ApiException refused(String parameter, String message) {
        return refused(List.of(new Detail(parameter, message)));
    }

    /**
     * A time given as ISO 8601 (with an offset, e.g. 2026-12-02T10:00:00Z) or as a Unix timestamp (seconds, or
     * milliseconds when longer than 10 digits); null when absent or not valid (then a problem is added).
     */
    Long time(String parameter, String value, boolean millisecondsOnly) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        if (text.chars().allMatch(Character::isDigit) && text.length() <= 16) {
            long number = Long.parseLong(text);
            return millisecondsOnly || text.length() > SECONDS_DIGITS ? number : number * 1000;
        }
        if (!millisecondsOnly) {
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                try {
                    return Instant.parse(text).toEpochMilli();
                } catch (DateTimeParseException again) {
                    // reported below
                }
            }
        }
        add(parameter, millisecondsOnly
                ? "must be a Unix timestamp in milliseconds, e.g. " + System.currentTimeMillis()
                : "must be an ISO 8601 time with an offset (e.g. 2026-12-02T10:00:00Z) or a Unix timestamp");
        return null;
    }

    /** A whole number within [min, max]; {@code otherwise} when absent; null when not valid (a problem is added). */
    Integer integer(String parameter, String value, int min, int max, int otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        add(parameter, "must be a whole number from " + min + " to " + max);
        return null;
    }
}
