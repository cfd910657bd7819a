package dev.vigil.tokens;

/**
 * How tokens are ordered after a bipartite merge step (see seed-methods.md, section g); a bundle names one
 * in {@code bundle.json} ({@code merge.order}), and both mergers honour it the same way.
 */
public enum MergeOrder {
    /**
     * Each output token sits where its earliest original token was (sorted by the smallest original index it
     * holds), so a clip's tokens stay in frame-major, raster order and consolidated entries read as a
     * storyline. vigil's default: timelines, evidence and per-frame reshapes rely on temporal order.
     */
    STABLE,
    /**
     * ToMe's own order: the unmerged A tokens in descending best-match score (ascending index when a class
     * token is protected), then all B tokens in their relative order. Reproduces LongVLM and VideoChat-Flash
     * outputs, up to the order of exactly tied scores.
     */
    REFERENCE
}
