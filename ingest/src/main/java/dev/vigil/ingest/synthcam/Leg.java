package dev.vigil.ingest.synthcam;

/**
 * One straight piece of an actor's script: {@code frames} frames moving from (x0, y0) to (x1, y1) (the
 * feet position), logging {@code event} (may be null) and applying {@code effect} on its first frame.
 * Scripts are fixed when an actor appears, so when each event happens is known exactly in advance
 * (which is how needles land on their frame).
 */
record Leg(int frames, double x0, double y0, double x1, double y1, ActorAction event, Effect effect) {

    /** Side effects on the scene at the start of a leg. */
    enum Effect { NONE, DROP_BOX, OPEN_DOOR, HIDE, CLOSE_DOOR }

    Leg {
        if (frames < 1) {
            throw new IllegalArgumentException("a leg lasts at least one frame");
        }
    }

    static Leg move(int frames, double x0, double y0, double x1, double y1, ActorAction event) {
        return new Leg(frames, x0, y0, x1, y1, event, Effect.NONE);
    }

    static Leg hold(int frames, double x, double y, ActorAction event, Effect effect) {
        return new Leg(frames, x, y, x, y, event, effect);
    }
}
