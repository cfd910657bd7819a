package dev.vigil.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.javalin.http.Context;

import java.io.IOException;

/**
 * Reads a request body as a record, turning malformed or mistyped JSON into a 400 that says where, and a body over
 * the limit into a 413. The limit is enforced on the stream itself: Jetty's and Javalin's size checks trust the
 * {@code Content-Length} header, which a chunked request does not have.
 */
public final class JsonBody {
    private final ObjectMapper json;
    private final long maxBytes;

    public JsonBody(ObjectMapper json, long maxBytes) {
        this.json = json;
        this.maxBytes = maxBytes;
    }

    /** The raw body, read no further than one byte past the limit. */
    public byte[] bytes(Context ctx) {
        try {
            byte[] body = ctx.req().getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                throw new ApiException(413, "body too large", "the request body is over " + maxBytes + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw ApiException.badRequest("could not read the request body: " + e.getMessage());
        }
    }

    public <T> T read(Context ctx, Class<T> type) {
        byte[] body = bytes(ctx);
        if (body.length == 0) {
            throw ApiException.badRequest("the request needs a JSON body");
        }
        try {
            T value = json.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("the request body is JSON null; send an object");
            }
            return value;
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "the body" : "field '" + e.getPath().get(e.getPath().size() - 1).getFieldName() + "'";
            throw ApiException.badRequest(field + " has the wrong type: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("could not read the request body: " + e.getMessage());
        }
    }
}
