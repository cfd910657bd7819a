package dev.vigil.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a request body as a record, turning malformed or mistyped JSON into a 400 that says where, and a body over
 * the limit into a 413. The limit is enforced on the stream itself: Jetty's and Javalin's size checks trust the
 * {@code Content-Length} header, which a chunked request does not have.
 *
 * <p>Types are strict ({@link #strictMapper}): a number where a string belongs, a string where a number belongs,
 * or a fraction where a whole number belongs is a 400 naming the field, never a silent conversion. Details name
 * JSON kinds ("a string", "a whole number"), never Java classes.
 */
public final class JsonBody {
    /** Anything Jackson quotes in backticks is a Java type name; a client needs none of them. */
    private static final Pattern QUOTED_TYPE = Pattern.compile("`[^`]*`");
    private static final Pattern SOURCE = Pattern.compile("\\s*\\(?\\s*(?:start marker at )?\\[Source:.*", Pattern.DOTALL);

    private final ObjectMapper json;
    private final long maxBytes;

    public JsonBody(ObjectMapper json, long maxBytes) {
        this.json = json;
        this.maxBytes = maxBytes;
    }

    /**
     * The API's mapper: unknown fields are ignored (clients may send more than vigil reads), scalars are never
     * coerced from one JSON kind to another.
     */
    public static ObjectMapper strictMapper() {
        JsonMapper.Builder b = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        b.withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
        for (LogicalType number : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            b.withCoercionConfig(number, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail));
        }
        b.withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
        return b.build();
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
            throw ApiException.badRequest("could not read the request body");
        }
    }

    public <T> T read(Context ctx, Class<T> type) {
        return parse(bytes(ctx), type);
    }

    /** {@code body} as a {@code type}, or the 400 a client would get for it. */
    public <T> T parse(byte[] body, Class<T> type) {
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
            if (e.getPath().isEmpty()) {
                throw ApiException.badRequest("the body must be " + kind(e.getTargetType()));
            }
            throw ApiException.badRequest("field '" + path(e) + "' must be " + kind(e.getTargetType()));
        } catch (JsonMappingException e) {
            String where = e.getPath().isEmpty() ? "the body" : "field '" + path(e) + "'";
            throw ApiException.badRequest(where + " is not valid" + cause(e));
        } catch (JsonParseException e) {
            throw ApiException.badRequest("malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + clean(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + clean(e.getOriginalMessage()));
        } catch (IOException e) {
            throw ApiException.badRequest("could not read the request body");
        }
    }

    /** {@code cameras[0]}, {@code labels.site}: where in the body the problem is. */
    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** The JSON kind a Java type is read from, in words. */
    static String kind(Class<?> type) {
        if (type == null) {
            return "of another kind";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == Character.class || type.isEnum()) {
            return "a string";
        }
        if (type == Integer.class || type == Long.class || type == Short.class || type == int.class
                || type == long.class || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (JsonNode.class.isAssignableFrom(type)) {
            return "a JSON value";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "of another kind";
    }

    /** A validation message of the body's own record (its constructor's words), when it has one. */
    private static String cause(JsonMappingException e) {
        Throwable c = e.getCause();
        return c instanceof IllegalArgumentException && c.getMessage() != null ? ": " + clean(c.getMessage()) : "";
    }

    private static String clean(String message) {
        if (message == null) {
            return "unreadable";
        }
        String out = SOURCE.matcher(message).replaceAll("");
        out = QUOTED_TYPE.matcher(out).replaceAll("a value");
        return out.isBlank() ? "unreadable" : out.strip();
    }
}
