package dev.vigil.models.clip;

import dev.vigil.models.mamba.MambaState;
import dev.vigil.models.pooling.GlobalSemantics;

import java.util.Optional;

/**
 * Everything a camera carries from one clip to the next.
 *
 * @param framesSeen stream frames received so far, encoded or skipped by temporal sampling: the sampling phase
 * @param temporal   the Mamba state, or empty when the bundle has no temporal encoder
 * @param global     the running global semantics (mean of pooled frame embeddings)
 */
public record StreamState(long framesSeen, Optional<MambaState> temporal, GlobalSemantics global) {

    public StreamState {
        if (framesSeen < 0) {
            throw new IllegalArgumentException("framesSeen must be >= 0, got " + framesSeen);
        }
    }

    /** The state of a stream that has not started yet. */
    public static StreamState fresh(Optional<MambaState> initialTemporal, int embeddingDim) {
        return new StreamState(0, initialTemporal, GlobalSemantics.empty(embeddingDim));
    }
}
