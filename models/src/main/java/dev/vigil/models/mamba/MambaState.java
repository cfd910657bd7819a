package dev.vigil.models.mamba;

import java.util.ArrayList;
import java.util.List;

/**
 * The recurrent state of one stream (one camera) through a Mamba stack: everything needed so that running
 * the next chunk from this state gives the same outputs as running the whole sequence at once.
 *
 * <p>Only the forward direction is carried: in bidirectional mode the backward scan is confined to each
 * call's own sequence (one clip), because its input is the future.
 *
 * @param dims       the stack shape this state belongs to
 * @param tokensSeen how many tokens (all frames, all patches) have been scanned so far; lets a restorer
 *                   check continuity and lets samplers derive a phase without knowing the stream length
 * @param layers     one entry per block, in block order
 */
public record MambaState(MambaStateDims dims, long tokensSeen, List<MambaLayerState> layers) {

    public MambaState {
        if (dims == null || layers == null) {
            throw new IllegalArgumentException("dims and layers must not be null");
        }
        if (tokensSeen < 0) {
            throw new IllegalArgumentException("tokensSeen must be >= 0, got " + tokensSeen);
        }
        if (layers.size() != dims.layers()) {
            throw new IllegalArgumentException("state has " + layers.size() + " layers, dims say " + dims);
        }
        for (int i = 0; i < layers.size(); i++) {
            if (!layers.get(i).fits(dims)) {
                throw new IllegalArgumentException("layer " + i + " state does not fit " + dims);
            }
        }
        layers = List.copyOf(layers);
    }

    /** The state of a stream that has not started yet. */
    public static MambaState initial(MambaStateDims dims) {
        List<MambaLayerState> layers = new ArrayList<>(dims.layers());
        for (int i = 0; i < dims.layers(); i++) {
            layers.add(MambaLayerState.zeros(dims));
        }
        return new MambaState(dims, 0, layers);
    }
}
