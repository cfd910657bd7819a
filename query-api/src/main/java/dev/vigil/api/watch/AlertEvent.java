package dev.vigil.api.watch;

import dev.vigil.api.ask.Evidence;
import dev.vigil.tokens.Relevance;
import dev.vigil.topologies.watch.Alert;

import java.time.Instant;
import java.util.List;

/**
 * An alert as sent on {@code GET /v1/events} (event name {@code alert}, id = {@code alertId}).
 *
 * @param time        the moment the match cites, ISO-8601: the best-matching frame's event time, or the clip's
 *                    midpoint when the clip's embedding matched better than any frame
 * @param score       cosine similarity of the question to that frame or clip embedding
 * @param probability the bundle's calibrated relevance of that score (what the watch's threshold is compared with)
 * @param evidence    the clip that matched
 */
public record AlertEvent(String alertId, String watchId, String question, String camera, String time, double score,
                         double probability, List<Evidence> evidence) {
    static AlertEvent of(Alert a, Relevance relevance) {
        double score = round(a.score());
        double probability = round(relevance.probability(a.score()));
        String clipId = a.clipIndex() + "-" + a.start();
        Evidence e = new Evidence(a.cameraId(), clipId, Instant.ofEpochMilli(a.start()).toString(),
                Instant.ofEpochMilli(a.end()).toString(), score, probability,
                "/v1/cameras/" + a.cameraId() + "/clips/" + clipId + "/keyframe.jpg");
        return new AlertEvent(a.alertId(), a.watchId(), a.question(), a.cameraId(),
                Instant.ofEpochMilli(a.frameTime()).toString(), score, probability, List.of(e));
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
