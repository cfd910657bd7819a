package dev.vigil.api.watch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/watches}.
 *
 * @param question  the standing question, at most 2,000 characters
 * @param cameras   camera ids, or {@code "*"} (keys that see every camera only)
 * @param threshold the relevance (probability, 0..1 exclusive) a clip must reach to fire (default 0.5)
 * @param cooldown  minimum time between two alerts per camera, e.g. {@code 60s} (default 60s)
 */
public record WatchRequest(String question, JsonNode cameras, Double threshold, String cooldown) {
}
