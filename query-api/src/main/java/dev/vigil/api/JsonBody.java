package dev.vigil.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.javalin.http.Context;

import java.io.IOException;

/** Reads a request body as a record, turning malformed or mistyped JSON into a 400 that says where. */
public final class JsonBody {
    private final ObjectMapper json;

    public JsonBody(ObjectMapper json) {
        this.json = json;
    }

    public <T> T read(Context ctx, Class<T> type) {
        byte[] body = ctx.bodyAsBytes(); // Javalin enforces maxRequestSize here (413)
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
