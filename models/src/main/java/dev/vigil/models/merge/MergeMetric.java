package dev.vigil.models.merge;

import ai.djl.ndarray.NDArray;

/**
 * What token similarity is measured on. Merging compares tokens by the cosine of their metric vectors and
 * never uses the metric for anything else.
 */
public interface MergeMetric {

    /**
     * @param features [B, T, C] current token features
     * @return [B, T, c] metric vectors, fp32 (not yet normalised)
     */
    NDArray of(NDArray features);
}
