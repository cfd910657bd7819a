package dev.vigil.models.merge;

/** How merged tokens are ordered after a bipartite merge step. */
public enum MergeOrder {
    /**
     * ToMe's own order: the unmerged A tokens in descending best-match score (ascending index when a class
     * token is protected), then all B tokens in their relative order. Reproduces LongVLM and VideoChat-Flash
     * outputs, up to the order of exactly tied scores.
     */
    REFERENCE,
    /**
     * Each merged token sits where its earliest original token was (sorted by smallest original index), so
     * a clip's tokens stay in frame-major, raster order. vigil's default: downstream consumers (timelines,
     * evidence, per-frame reshapes) rely on temporal order.
     */
    STABLE
}
