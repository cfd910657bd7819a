package dev.vigil.models.siglip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.vigil.models.weights.Weights;

/**
 * A SigLIP attention-pooling (MAP) head under its own tensor prefix, pooling a set of weighted tokens into one
 * embedding: the temporal readout pools a clip's merged tokens after Mamba into the frame embeddings' space.
 *
 * <p>Tensor names and shapes are those of {@code vision_model.head.*} ({@code probe}, {@code attention.in_proj_*},
 * {@code attention.out_proj}, {@code layernorm}, {@code mlp}), so a readout can be initialised from a vision head.
 * Runs in fp32.
 */
public final class TokenReadout {

    private final AttentionPoolingHead head;

    private TokenReadout(AttentionPoolingHead head) {
        this.head = head;
    }

    /** Whether {@code weights} hold a readout under {@code prefix}. */
    public static boolean present(Weights weights, String prefix) {
        return weights.contains(prefix + ".probe");
    }

    /**
     * Loads the readout under {@code prefix} into {@code manager} (which owns the arrays from then on).
     *
     * @param dims the tower's dimensions: width, heads, MLP width, activation and layer-norm epsilon
     * @throws dev.vigil.models.weights.WeightsException naming the tensor if one is missing or misshapen
     */
    public static TokenReadout load(Weights weights, String prefix, TransformerDims dims, NDManager manager) {
        ParameterLoader loader = new ParameterLoader(weights, manager, DataType.FLOAT32);
        return new TokenReadout(AttentionPoolingHead.load(loader, prefix, dims));
    }

    /**
     * Pools {@code tokens [B, N, D]}, token i of clip b standing for {@code sizes[b, i]} patch tokens, into
     * {@code [B, D]}; attention weighs each token by its size (proportional attention), so a merged token counts
     * as the patches it merged.
     */
    public NDArray pool(NDArray tokens, NDArray sizes) {
        NDArray logSizes = sizes.toType(DataType.FLOAT32, false).log();
        return head.forward(tokens.toType(DataType.FLOAT32, false), logSizes);
    }
}
