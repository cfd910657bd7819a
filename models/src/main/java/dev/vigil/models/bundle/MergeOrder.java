package dev.vigil.models.bundle;

/** Output order of bipartite token merging (see seed-methods.md, section g). */
public enum MergeOrder {
    /** Sorted by original position: keeps temporal and spatial order. vigil's default. */
    STABLE,
    /** Unmerged tokens by descending score, then destinations, exactly as ToMe / LongVLM / VideoChat-Flash. */
    REFERENCE
}
