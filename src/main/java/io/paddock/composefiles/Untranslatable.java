package io.paddock.composefiles;

import java.util.List;

import io.paddock.errors.ApiError.Detail;

/**
 * A docker-compose file that does not parse, is over a limit, or cannot be made into a compose definition (or makes an
 * invalid one): answered 422 with Quant's {@code error} beside Paddock's error body.
 */
final class Untranslatable extends RuntimeException {

    private final transient List<Detail> details;

    Untranslatable(String message, List<Detail> details) {
        super(message, null, false, false);
        this.details = List.copyOf(details);
    }

    Untranslatable(String message) {
        this(message, List.of());
    }

    List<Detail> details() {
        return details;
    }
}
