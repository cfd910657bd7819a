package dev.vigil.api.chat;

import dev.vigil.api.ApiError;

import java.util.Locale;

/**
 * An error in OpenAI's shape, {@code {"error": {"message", "type", "code"}}}, which the OpenAI-compatible routes
 * ({@code /v1/chat/completions}, {@code /v1/models}) send instead of vigil's {@link ApiError}: the official SDKs
 * read only this shape and otherwise drop the detail.
 *
 * @param error the error
 */
public record OpenAiError(Body error) {

    /**
     * @param message what is wrong and, where it helps, what to do (vigil's {@code detail})
     * @param type    OpenAI's class of error for the status ({@code invalid_request_error}, {@code authentication_error},
     *                {@code permission_error}, {@code not_found_error}, {@code rate_limit_error}, {@code api_error})
     * @param code    vigil's short error as a code ({@code unknown camera} becomes {@code unknown_camera})
     */
    public record Body(String message, String type, String code) {
    }

    /** The OpenAI form of an error vigil answers with {@code status}. */
    public static OpenAiError of(int status, ApiError e) {
        String type = switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
        String code = e.error().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        return new OpenAiError(new Body(e.detail(), type, code));
    }

    /** Whether a request path is one of the OpenAI-compatible routes. */
    public static boolean appliesTo(String path) {
        return path.equals("/v1/chat/completions") || path.equals("/v1/models") || path.startsWith("/v1/models/");
    }
}
