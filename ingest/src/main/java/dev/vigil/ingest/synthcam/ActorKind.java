package dev.vigil.ingest.synthcam;

import java.util.Locale;

/**
 * Kinds of actor in the synthetic camera world; each has its own silhouette so that a model can tell
 * them apart from pixels alone. Shared vocabulary: other modules (training, evaluation, queries) use it.
 */
public enum ActorKind {
    /** Upright: head, body, walking legs; about 40 % of the frame height. */
    PERSON,
    /** Wide and low: body, cabin with windows, two dark wheels. */
    CAR,
    /** Two coloured wheel rings joined by a coloured frame. */
    BICYCLE,
    /** Low four-legged body with head and tail. */
    DOG,
    /** A square box with an outline and tape stripe; appears when dropped. */
    BOX;

    /** The name used in event logs and URLs ({@code person}, {@code car}, ...). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@link #wireName()}. */
    public static ActorKind fromWire(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
