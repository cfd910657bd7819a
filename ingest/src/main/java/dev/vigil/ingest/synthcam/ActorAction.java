package dev.vigil.ingest.synthcam;

import java.util.Locale;

/** What an actor does; each is logged as a ground-truth event at the frame it happens. */
public enum ActorAction {
    /** First frame of an actor coming in from the left edge. */
    ENTERS_LEFT,
    /** First frame of an actor coming in from the right edge. */
    ENTERS_RIGHT,
    /** The actor passes the middle of the frame on its way across. */
    CROSSES,
    /** The actor comes to a halt for a few seconds. */
    STOPS,
    /** The actor starts wandering back and forth around one spot. */
    LOITERS,
    /** The actor's last frame: it left the frame (or went through the door; a box was removed). */
    LEAVES,
    /** A box is put down (logged for the box, with the box's colour). */
    DROPS_OBJECT,
    /** A person opens the door (box: the door). */
    DOOR_OPENS,
    /** The door closes behind a person (box: the door). */
    DOOR_CLOSES;

    /** The name used in event logs and URLs ({@code enters_left}, ...). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@link #wireName()}. */
    public static ActorAction fromWire(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
