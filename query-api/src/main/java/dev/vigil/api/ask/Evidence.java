package dev.vigil.api.ask;

import dev.vigil.api.memory.Moment;
import dev.vigil.tokens.Relevance;

import java.time.Instant;

/**
 * One moment cited by an answer, a search result or an alert.
 *
 * @param camera      the camera
 * @param clipId      {@code <clipIndex>-<startMillis>}
 * @param start       ISO-8601 UTC
 * @param end         ISO-8601 UTC
 * @param score       cosine similarity to the question (NaN-free: 0 when unscored)
 * @param probability the bundle's calibrated probability that the moment shows what the question describes
 * @param keyframeUrl the keyframe's API path (needs the same key), or null when none is stored
 */
public record Evidence(String camera, String clipId, String start, String end, double score, double probability,
                       String keyframeUrl) {
    public static Evidence of(Moment m, Relevance relevance) {
        return new Evidence(m.camera(), m.clipId().toString(), Instant.ofEpochMilli(m.start()).toString(),
                Instant.ofEpochMilli(m.end()).toString(), Double.isNaN(m.score()) ? 0 : round(m.score()),
                round(relevance.probability(m.score())), m.hasKeyframe() ? m.keyframeUrl() : null);
    }

    static double round(double s) {
        return Math.round(s * 10_000) / 10_000.0;
    }
}
