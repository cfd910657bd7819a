package dev.vigil.models.bundle;

import dev.vigil.tokens.MergeOrder;

/**
 * Clip-level bipartite token merging.
 *
 * @param metricChunk the merge metric is the mean of the feature's consecutive chunks of this size (VideoChat-Flash:
 *     64, one attention head's width); must divide the vision width
 * @param order output order of the merged tokens
 */
public record MergeConfig(int metricChunk, MergeOrder order) {

    public MergeConfig {
        if (metricChunk < 1) {
            throw new BundleException("merge.metricChunk must be at least 1, got " + metricChunk);
        }
    }
}
