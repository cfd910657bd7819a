package dev.vigil.api.watch;

import dev.vigil.api.ask.Evidence;
import dev.vigil.topologies.watch.Alert;

import java.time.Instant;
import java.util.List;

/**
 * An alert as sent on {@code GET /v1/events} (event name {@code alert}, id = {@code alertId}).
 *
 * @param time     the best-matching frame's event time, ISO-8601
 * @param evidence the clip that matched
 */
public record AlertEvent(String alertId, String watchId, String question, String camera, String time, double score,
                         List<Evidence> evidence) {
    static AlertEvent of(Alert a) {
        double score = Math.round(a.score() * 10_000) / 10_000.0;
        String clipId = a.clipIndex() + "-" + a.start();
        Evidence e = new Evidence(a.cameraId(), clipId, Instant.ofEpochMilli(a.start()).toString(),
                Instant.ofEpochMilli(a.end()).toString(), score,
                "/v1/cameras/" + a.cameraId() + "/clips/" + clipId + "/keyframe.jpg");
        return new AlertEvent(a.alertId(), a.watchId(), a.question(), a.cameraId(),
                Instant.ofEpochMilli(a.frameTime()).toString(), score, List.of(e));
    }
}
