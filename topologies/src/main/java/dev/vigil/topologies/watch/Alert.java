package dev.vigil.topologies.watch;

/**
 * A standing question that matched a clip, as written to {@code vigil.alerts} (JSON, see {@link WatchJson}).
 *
 * @param version   the JSON layout version, 1
 * @param alertId   unique per (watch, camera, clip): re-processing a clip yields the same id
 * @param watchId   the watch that fired
 * @param question  the watch's question
 * @param cameraId  the camera
 * @param clipIndex the clip's index in its camera's stream
 * @param start     the clip's first frame, epoch millis (event time)
 * @param end       the clip's end, epoch millis
 * @param frameTime the moment the match cites ({@link QuestionMatch#momentTime}): the event time of the best-matching
 *                  frame, or the clip's midpoint when its clip embedding matched best
 * @param score     cosine similarity of the best frame or clip embedding to the question ({@code Similarity.entryScore})
 * @param modelId   the model bundle of the clip
 */
public record Alert(int version, String alertId, String watchId, String question, String cameraId, long clipIndex,
                    long start, long end, long frameTime, double score, String modelId) {
    public static final int VERSION = 1;
}
