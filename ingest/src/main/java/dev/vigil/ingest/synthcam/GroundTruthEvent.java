package dev.vigil.ingest.synthcam;

import java.time.Instant;

/**
 * One line of synthcam's ground-truth log.
 *
 * @param time     event time of the frame where it happens
 * @param frame    index of that frame (0-based)
 * @param objectId the actor's id, unique within a run
 * @param kind     the actor's kind
 * @param colour   the actor's colour
 * @param action   what happened
 * @param box      where, in pixels of the rendered frame
 */
public record GroundTruthEvent(Instant time, long frame, int objectId, ActorKind kind, ActorColour colour,
                               ActorAction action, Box box) {

    /** One JSON object on one line, keys in a fixed order (the log is compared byte for byte). */
    public String toJsonLine() {
        return "{\"time\":\"" + time + "\",\"frame\":" + frame + ",\"object\":" + objectId
                + ",\"kind\":\"" + kind.wireName() + "\",\"colour\":\"" + colour.wireName()
                + "\",\"action\":\"" + action.wireName() + "\",\"box\":[" + box.x() + "," + box.y() + ","
                + box.w() + "," + box.h() + "]}";
    }
}
