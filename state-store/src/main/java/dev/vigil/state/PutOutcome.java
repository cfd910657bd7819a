package dev.vigil.state;

/** What {@link TokenMemoryStore#put} did with a clip, so the caller can count, log or dead-letter it. */
public enum PutOutcome {
    /** Stored as a new raw entry. */
    STORED,
    /** Replaced the raw entry with the same start (a re-encoded or re-delivered clip). */
    REPLACED,
    /** Arrived after its bucket was consolidated and was merged into the consolidated entry. */
    MERGED_LATE,
    /** Already stored or already covered by a consolidated entry; nothing changed. */
    DUPLICATE,
    /** Ends before the camera's retention cutoff; not stored. */
    EXPIRED,
    /** Its start collides with a consolidated entry of another model; not stored. */
    KEY_TAKEN
}
