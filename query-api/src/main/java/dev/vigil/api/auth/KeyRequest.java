package dev.vigil.api.auth;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/keys}.
 *
 * @param name      what the key is for, 1-100 characters
 * @param scopes    {@code read}, {@code ask}, {@code admin}: at least one, none the creating key lacks
 * @param cameras   camera ids, or {@code "*"} for every camera (keys that see every camera only)
 * @param labels    camera labels that grant sight ({@code {"site": "north"}}; keys that see every camera only)
 * @param expiresAt when the key stops working: an ISO-8601 instant string or epoch millis
 * @param expiresIn the same as a duration from now ({@code 30d}); give at most one of the two
 */
public record KeyRequest(String name, List<String> scopes, JsonNode cameras, Map<String, String> labels,
                         JsonNode expiresAt, String expiresIn) {
}
