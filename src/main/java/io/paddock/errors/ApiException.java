package io.paddock.errors;

import java.util.List;

import io.paddock.errors.ApiError.Detail;

/**
 * A failure that Paddock answers with a status, an error name and a message. The exception mappers turn
 * it into the one error body; nothing else should build error responses.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String name;
    private final List<Detail> details;

    public ApiException(int status, String name, String message, List<Detail> details) {
        super(message, null, false, false);
        this.status = status;
        this.name = name;
        this.details = List.copyOf(details);
    }

    public ApiException(int status, String name, String message) {
        this(status, name, message, List.of());
    }

    public int status() {
        return status;
    }

    public String name() {
        return name;
    }

    public List<Detail> details() {
        return details;
    }

    public static ApiException validation(List<Detail> details) {
        return new ApiException(400, "ValidationError",
                "The request payload you provided doesn't conform to the schema. See details for each problem.", details);
    }

    public static ApiException validation(String path, String message) {
        return validation(List.of(new Detail(path, message)));
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "NotFoundError", message);
    }

    public static ApiException nameExists(String message) {
        return new ApiException(409, "NameExistsError", message);
    }

    public static ApiException conflict(String name, String message) {
        return new ApiException(409, name, message);
    }

    public static ApiException noAccess(String message) {
        return new ApiException(403, "NoAccessError", message);
    }

    public static ApiException serviceUnavailable(String message) {
        return new ApiException(503, "ServiceUnavailable", message);
    }
}
