package dev.vigil.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Jetty's own error responses as the API's {@code {"error", "detail"}}: requests Jetty refuses before Javalin sees
 * them (a bad request line, a URI over 8 KiB: 414, headers too large: 431, a bad header: 400) and errors raised
 * inside the servlet container. Jetty's default answers these with an HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
    /** Jetty's reasons are short phrases; anything else (or anything echoing input) is left out of the detail. */
    private static final Pattern PLAIN_REASON = Pattern.compile("[A-Za-z][A-Za-z0-9 :=._-]{0,80}");

    private final ObjectMapper json;

    JsonErrorHandler(ObjectMapper json) {
        this.json = json;
    }

    /** Requests that could not be parsed: there is no servlet request, only the status and Jetty's reason. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason));
    }

    /** Errors inside the container (a servlet-level 404, 500, …). */
    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        baseRequest.setHandled(true);
        if (response.isCommitted()) {
            return;
        }
        int status = response.getStatus() < 400 ? 500 : response.getStatus();
        Object message = request.getAttribute("jakarta.servlet.error.message");
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader(HttpHeader.CACHE_CONTROL.asString(), "no-store");
        byte[] bytes = body(status, message instanceof String s ? s : null);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private byte[] body(int status, String reason) {
        try {
            return json.writeValueAsString(of(status, reason)).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body for a status Jetty emits, with a detail that says what to change. */
    static ApiError of(int status, String reason) {
        String why = reason != null && PLAIN_REASON.matcher(reason).matches() ? " (" + reason + ")" : "";
        return switch (status) {
            case 400 -> new ApiError("bad request", "the request line or a header could not be parsed" + why);
            case 404 -> new ApiError("not found", "no such route (see /openapi.json)");
            case 405 -> new ApiError("method not allowed", "this method is not allowed on this route (see /openapi.json)");
            case 413 -> new ApiError("body too large", "the request body is over the server's limit");
            case 414 -> new ApiError("uri too long", "the request URI is over the server's limit (8 KiB); send large"
                    + " input in a JSON body");
            case 431 -> new ApiError("headers too large", "the request headers are over the server's limit (8 KiB)");
            case 505 -> new ApiError("http version not supported", "use HTTP/1.1 or HTTP/2");
            default -> status >= 500
                    ? new ApiError("internal error", "the server failed on this request; its log has the details")
                    : new ApiError(errorName(status), "the server refused the request" + why);
        };
    }

    private static String errorName(int status) {
        String message = HttpStatus.getMessage(status);
        return message == null ? "bad request" : message.toLowerCase(java.util.Locale.ROOT);
    }
}
