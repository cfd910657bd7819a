package dev.vigil.ingest.synthcam;

/** The shape of an actor's visit, from which its script (legs) is made. */
enum Behaviour {
    /** Walk or drive straight across. */
    CROSS,
    /** Come in, stop for a while, go on. */
    STOP,
    /** Come in, wander about one spot, leave. */
    LOITER,
    /** A person comes in, puts a box down, goes on. */
    DROP,
    /** A person walks to the door and goes through it. */
    DOOR
}
