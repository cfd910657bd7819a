package dev.vigil.ingest.synthcam;

/** The fixed backdrop. */
public enum SceneKind {
    /** Sky, a building wall with a door, pavement and road. */
    OUTDOOR,
    /** Ceiling, back wall with a door, wooden floor. */
    INDOOR
}
