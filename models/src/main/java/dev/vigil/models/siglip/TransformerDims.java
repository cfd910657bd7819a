package dev.vigil.models.siglip;

/**
 * The sizes shared by SigLIP's vision and text encoders.
 *
 * @param hidden model width
 * @param intermediate MLP width
 * @param layers number of encoder layers
 * @param heads attention heads
 * @param layerNormEps epsilon of every layer norm
 * @param activation MLP non-linearity
 */
public record TransformerDims(int hidden, int intermediate, int layers, int heads, double layerNormEps,
                              Activation activation) {

    public TransformerDims {
        if (hidden <= 0 || intermediate <= 0 || layers < 0 || heads <= 0) {
            throw new IllegalArgumentException("transformer sizes must be positive: hidden_size=" + hidden
                    + ", intermediate_size=" + intermediate + ", num_hidden_layers=" + layers
                    + ", num_attention_heads=" + heads);
        }
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("hidden_size " + hidden + " must be divisible by num_attention_heads "
                    + heads);
        }
    }
}
