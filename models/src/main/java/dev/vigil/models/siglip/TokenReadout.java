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

    /** Optional tensor {@code [clipFrames, D]}: added to each token by the clip frame it comes from. */
    public static final String FRAME_EMBEDDING = "frame_embedding";

    private final AttentionPoolingHead head;
    private final NDArray frameEmbedding;

    private TokenReadout(AttentionPoolingHead head, NDArray frameEmbedding) {
        this.head = head;
        this.frameEmbedding = frameEmbedding;
    }

    /** Whether {@code weights} hold a readout under {@code prefix}. */
    public static boolean present(Weights weights, String prefix) {
        return weights.contains(prefix + ".probe");
    }

    /**
     * Loads the readout under {@code prefix} into {@code manager} (which owns the arrays from then on).
     *
     * @param dims       the tower's dimensions: width, heads, MLP width, activation and layer-norm epsilon
     * @param clipFrames frames per clip: the rows of the optional frame embedding
     * @throws dev.vigil.models.weights.WeightsException naming the tensor if one is missing or misshapen
     */
    public static TokenReadout load(Weights weights, String prefix, TransformerDims dims, int clipFrames,
                                    NDManager manager) {
        ParameterLoader loader = new ParameterLoader(weights, manager, DataType.FLOAT32);
        NDArray frames = null;
        String name = prefix + "." + FRAME_EMBEDDING;
        if (weights.contains(name)) {
            frames = loader.loadFp32(name, new ai.djl.ndarray.types.Shape(clipFrames, dims.hidden()));
        }
        return new TokenReadout(AttentionPoolingHead.load(loader, prefix, dims), frames);
    }

    /** Whether tokens are told which clip frame they come from (see {@link #pool(NDArray, NDArray, NDArray)}). */
    public boolean usesFrames() {
        return frameEmbedding != null;
    }

    /**
     * Pools {@code tokens [B, N, D]}, token i of clip b standing for {@code sizes[b, i]} patch tokens, into
     * {@code [B, D]}; attention weighs each token by its size (proportional attention), so a merged token counts
     * as the patches it merged.
     */
    public NDArray pool(NDArray tokens, NDArray sizes) {
        if (frameEmbedding != null) {
            throw new IllegalStateException("this readout has a frame embedding: say which frame each token comes from");
        }
        return pool(tokens, sizes, null);
    }

    /**
     * As {@link #pool(NDArray, NDArray)}, with {@code frames [B, N]} (int64) the clip frame each token comes from
     * (for a merged token, its earliest patch's): a readout with a frame embedding adds it to each token first, so
     * that attention pooling, which is blind to order, can tell an early token from a late one. Ignored (may be null)
     * for a readout without one; frames past the embedding's last row take the last row.
     */
    public NDArray pool(NDArray tokens, NDArray sizes, NDArray frames) {
        NDArray logSizes = sizes.toType(DataType.FLOAT32, false).log();
        NDArray x = tokens.toType(DataType.FLOAT32, false);
        if (frameEmbedding != null) {
            long last = frameEmbedding.getShape().get(0) - 1;
            NDArray index = frames.clip(0, last).toType(DataType.INT64, false);
            x = x.add(frameEmbedding.get(index.flatten()).reshape(x.getShape()));
        }
        return head.forward(x, logSizes);
    }
}
