package dev.vigil.api.ask;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/ask}.
 *
 * @param question the question, at most 2,000 characters
 * @param cameras  an array of camera ids, or {@code "*"} (default) for every camera the key may see
 * @param from     window start, an ISO-8601 string or epoch millis (a number); read by {@code TimeWindow.text}
 * @param to       window end
 * @param last     a window ending now instead, e.g. {@code 15m}
 * @param budget    visual tokens the answer may use (default 1024)
 * @param threshold the relevance (probability, 0..1 exclusive) that makes a moment a match (default 0.5)
 */
public record AskRequest(String question, JsonNode cameras, JsonNode from, JsonNode to, String last, Integer budget,
                         Double threshold) {
}
