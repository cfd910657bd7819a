package dev.vigil.models.mamba;

import ai.djl.ndarray.NDArray;

import java.util.List;

/**
 * What a Mamba stack returns for a batch of streams.
 *
 * @param hidden the encoded tokens, same shape as the input, fp32, attached to the input's manager
 * @param states each stream's state after this call, in batch order; carry it into the next call
 */
public record MambaOutput(NDArray hidden, List<MambaState> states) {

    public MambaOutput {
        states = List.copyOf(states);
    }
}
