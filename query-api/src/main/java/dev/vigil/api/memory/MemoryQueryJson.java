package dev.vigil.api.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.api.ApiException;
import dev.vigil.state.query.CameraStatsQuery;
import dev.vigil.state.query.GlobalEmbeddingQuery;
import dev.vigil.state.query.LatestQuery;
import dev.vigil.state.query.MemoryQuery;
import dev.vigil.state.query.SimilarityQuery;
import dev.vigil.state.query.TimeRangeQuery;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of the {@link MemoryQuery} records that one API instance forwards to another
 * ({@code POST /internal/v1/memory}): an object with a {@code type} and the record's components, e.g.
 * {@code {"type":"time-range","cameraId":"door","from":0,"to":1700000000000}}. The state-store records stay free
 * of Jackson; this class is their only JSON form.
 *
 * <table>
 *   <caption>types</caption>
 *   <tr><th>type</th><th>record</th><th>fields</th></tr>
 *   <tr><td>{@code similarity}</td><td>{@link SimilarityQuery}</td>
 *       <td>{@code cameraId} (absent or null: every camera), {@code embedding}, {@code from}, {@code to}, {@code k}</td></tr>
 *   <tr><td>{@code time-range}</td><td>{@link TimeRangeQuery}</td><td>{@code cameraId}, {@code from}, {@code to}</td></tr>
 *   <tr><td>{@code latest}</td><td>{@link LatestQuery}</td><td>{@code cameraId}, {@code n}</td></tr>
 *   <tr><td>{@code keyframe}</td><td>{@link KeyframeQuery}</td><td>{@code cameraId}, {@code clipIndex}, {@code start}</td></tr>
 *   <tr><td>{@code moment-tokens}</td><td>{@link MomentTokensQuery}</td>
 *       <td>{@code cameraId}, {@code clipIndex}, {@code start}, {@code maxTokens}, {@code maxFrames}</td></tr>
 *   <tr><td>{@code global-embedding}</td><td>{@link GlobalEmbeddingQuery}</td><td>{@code cameraId}</td></tr>
 *   <tr><td>{@code camera-stats}</td><td>{@link CameraStatsQuery}</td><td>{@code cameraId}</td></tr>
 * </table>
 *
 * <p>Reading is strict: a missing or mistyped field, or one the type does not have, is refused with a 400 that
 * names it, so instances running different versions fail loudly instead of answering a different question.
 */
public final class MemoryQueryJson {
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "similarity", Set.of("cameraId", "embedding", "from", "to", "k"),
            "time-range", Set.of("cameraId", "from", "to"),
            "latest", Set.of("cameraId", "n"),
            "keyframe", Set.of("cameraId", "clipIndex", "start"),
            "moment-tokens", Set.of("cameraId", "clipIndex", "start", "maxTokens", "maxFrames"),
            "global-embedding", Set.of("cameraId"),
            "camera-stats", Set.of("cameraId"));

    private final ObjectMapper json;

    public MemoryQueryJson(ObjectMapper json) {
        this.json = json;
    }

    /** The JSON of {@code query}; a query type without a JSON form is a programming error. */
    public byte[] write(MemoryQuery<?> query) {
        ObjectNode node = json.createObjectNode();
        if (query instanceof SimilarityQuery q) {
            node.put("type", "similarity").put("cameraId", q.cameraId());
            ArrayNode embedding = node.putArray("embedding");
            for (float v : q.embedding()) {
                embedding.add(v);
            }
            node.put("from", q.from()).put("to", q.to()).put("k", q.k());
        } else if (query instanceof TimeRangeQuery q) {
            node.put("type", "time-range").put("cameraId", q.cameraId()).put("from", q.from()).put("to", q.to());
        } else if (query instanceof LatestQuery q) {
            node.put("type", "latest").put("cameraId", q.cameraId()).put("n", q.n());
        } else if (query instanceof KeyframeQuery q) {
            node.put("type", "keyframe").put("cameraId", q.cameraId()).put("clipIndex", q.clipIndex())
                    .put("start", q.start());
        } else if (query instanceof MomentTokensQuery q) {
            node.put("type", "moment-tokens").put("cameraId", q.cameraId()).put("clipIndex", q.clipIndex())
                    .put("start", q.start()).put("maxTokens", q.maxTokens()).put("maxFrames", q.maxFrames());
        } else if (query instanceof GlobalEmbeddingQuery q) {
            node.put("type", "global-embedding").put("cameraId", q.cameraId());
        } else if (query instanceof CameraStatsQuery q) {
            node.put("type", "camera-stats").put("cameraId", q.cameraId());
        } else {
            throw new IllegalArgumentException(query.getClass().getName() + " has no JSON form for forwarding");
        }
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write " + query, e);
        }
    }

    /** The query in {@code body}, or a 400 that says what is wrong with it. */
    public MemoryQuery<?> read(byte[] body) {
        JsonNode node = tree(body);
        JsonNode typeNode = node.get("type");
        String type = typeNode != null && typeNode.isTextual() ? typeNode.asText() : null;
        if (type == null || !FIELDS.containsKey(type)) {
            throw refused("'type' must be one of " + List.copyOf(new java.util.TreeSet<>(FIELDS.keySet())) + ", got "
                    + (typeNode == null ? "none" : ApiException.echo(typeNode.toString())));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("type") && !FIELDS.get(type).contains(name)) {
                throw refused(type + " query has no field '" + ApiException.echo(name) + "' (fields: "
                        + new java.util.TreeSet<>(FIELDS.get(type)) + ")");
            }
        }
        return switch (type) {
            case "similarity" -> new SimilarityQuery(optionalText(node, type, "cameraId"), embedding(node, type),
                    whole(node, type, "from"), whole(node, type, "to"), count(node, type, "k"));
            case "time-range" -> new TimeRangeQuery(text(node, type, "cameraId"), whole(node, type, "from"),
                    whole(node, type, "to"));
            case "latest" -> new LatestQuery(text(node, type, "cameraId"), count(node, type, "n"));
            case "keyframe" -> new KeyframeQuery(text(node, type, "cameraId"), whole(node, type, "clipIndex"),
                    whole(node, type, "start"));
            case "moment-tokens" -> new MomentTokensQuery(text(node, type, "cameraId"), whole(node, type, "clipIndex"),
                    whole(node, type, "start"), count(node, type, "maxTokens"), count(node, type, "maxFrames"));
            case "global-embedding" -> new GlobalEmbeddingQuery(text(node, type, "cameraId"));
            default -> new CameraStatsQuery(text(node, type, "cameraId"));
        };
    }

    private JsonNode tree(byte[] body) {
        if (body == null || body.length == 0) {
            throw refused("the body is empty; send a JSON object with a 'type'");
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw refused("the body must be a JSON object with a 'type', got " + (node == null ? "nothing" : node.getNodeType()));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw refused("malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw refused("could not read the body: " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String type, String field) {
        String value = optionalText(node, type, field);
        if (value == null) {
            throw refused(type + " query needs '" + field + "'");
        }
        return value;
    }

    private static String optionalText(JsonNode node, String type, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw refused(type + " query: '" + field + "' must be a string, got " + v.getNodeType());
        }
        return v.asText();
    }

    private static long whole(JsonNode node, String type, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw refused(type + " query needs '" + field + "' as a whole number (epoch millis or an index), got "
                    + (v == null ? "none" : ApiException.echo(v.toString())));
        }
        return v.asLong();
    }

    private static int count(JsonNode node, String type, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
            throw refused(type + " query needs '" + field + "' as a count (0 or more), got "
                    + (v == null ? "none" : ApiException.echo(v.toString())));
        }
        return v.asInt();
    }

    private static float[] embedding(JsonNode node, String type) {
        JsonNode v = node.get("embedding");
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw refused(type + " query needs 'embedding' as a non-empty array of numbers");
        }
        float[] values = new float[v.size()];
        for (int i = 0; i < values.length; i++) {
            if (!v.get(i).isNumber()) {
                throw refused(type + " query: embedding[" + i + "] is not a number");
            }
            values[i] = v.get(i).floatValue();
        }
        return values;
    }

    private static ApiException refused(String detail) {
        return ApiException.badRequest("forwarded memory query: " + detail);
    }
}
