package dev.vigil.api;

import java.util.function.Supplier;

/** A request that the API refuses or cannot serve, with the HTTP status and the body to send. */
public class ApiException extends RuntimeException {
    private final int status;
    private final String error;

    public ApiException(int status, String error, String detail) {
        super(detail);
        this.status = status;
        this.error = error;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "bad request", detail);
    }

    public static ApiException notFound(String error, String detail) {
        return new ApiException(404, error, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", detail);
    }

    /**
     * The value {@code parse} reads from request text; its {@link IllegalArgumentException}, whose message is
     * meant for the client (which field, what was given, what is accepted), becomes a 400.
     */
    public static <T> T orBadRequest(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw badRequest(e.getMessage());
        }
    }

    /** {@code text} a client sent, cut to 40 characters, for echoing it in an error detail. */
    public static String echo(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    public int status() {
        return status;
    }

    public ApiError body() {
        return new ApiError(error, getMessage());
    }
}
