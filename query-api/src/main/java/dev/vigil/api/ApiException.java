package dev.vigil.api;

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

    public int status() {
        return status;
    }

    public ApiError body() {
        return new ApiError(error, getMessage());
    }
}
