package io.paddock.web;

import io.paddock.errors.ApiException;

final class BodyLimit {

    private BodyLimit() {
    }

    static ApiException tooLarge(long limit) {
        return new ApiException(413, "PayloadTooLarge", "The request body is larger than Paddock accepts ("
                + limit + " bytes). Send a smaller body; the limit is set by paddock.limits.max-body-size.");
    }
}
