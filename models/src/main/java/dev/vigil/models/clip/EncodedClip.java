package dev.vigil.models.clip;

/**
 * What one clip became: its merged visual tokens, its frame embeddings, its clip embedding and the stream's new
 * state.
 *
 * <p>All fp16 payloads are little-endian IEEE binary16, row-major, as the {@code vigil.clip-tokens} topic
 * stores them.
 *
 * @param streamId            the clip's stream
 * @param tokensFp16          {@code tokenCount × dim} merged tokens, in stable (frame-major, raster) order
 * @param tokenCount          merged tokens: the bundle's tokens per frame × encoded frames (fewer only when the
 *                            frames have fewer patches than that); 0 when sampling kept no frame of this clip
 * @param dim                 token width (the vision tower's hidden size)
 * @param tokenSizes          per token, how many patch tokens it averages; they sum to patches × frameCount
 * @param frameEmbeddingsFp16 {@code frameCount × dim} pooled embeddings of the encoded frames, in time order
 * @param frameCount          frames actually encoded (after temporal sampling)
 * @param keptFrames          which of the clip's input frames were encoded (indices into its frame list, ascending);
 *                            {@code frameCount} of them
 * @param newState            the stream's state after this clip; pass it with the stream's next clip
 * @param globalMean          the stream's global semantics after this clip: the mean of every pooled frame
 *                            embedding encoded so far (zeros before the first)
 * @param clipEmbeddingFp16   the clip's embedding from the bundle's temporal readout (attention pooling over the
 *                            merged tokens after Mamba), {@code dim} fp16 values in the frame embeddings' space;
 *                            empty when the bundle has no readout or sampling kept no frame of this clip
 */
public record EncodedClip(String streamId, byte[] tokensFp16, int tokenCount, int dim, int[] tokenSizes,
                          byte[] frameEmbeddingsFp16, int frameCount, int[] keptFrames, byte[] newState,
                          float[] globalMean, byte[] clipEmbeddingFp16) {

    public EncodedClip {
        if (tokensFp16.length != 2L * tokenCount * dim) {
            throw new IllegalArgumentException(tokenCount + " tokens of width " + dim + " need "
                    + 2L * tokenCount * dim + " fp16 bytes, got " + tokensFp16.length);
        }
        if (tokenSizes.length != tokenCount) {
            throw new IllegalArgumentException(tokenCount + " tokens but " + tokenSizes.length + " sizes");
        }
        if (keptFrames.length != frameCount) {
            throw new IllegalArgumentException(frameCount + " encoded frames but " + keptFrames.length + " kept indices");
        }
        if (frameEmbeddingsFp16.length != 2L * frameCount * dim) {
            throw new IllegalArgumentException(frameCount + " frame embeddings of width " + dim + " need "
                    + 2L * frameCount * dim + " fp16 bytes, got " + frameEmbeddingsFp16.length);
        }
        if (clipEmbeddingFp16.length != 0 && clipEmbeddingFp16.length != 2L * dim) {
            throw new IllegalArgumentException("a clip embedding of width " + dim + " needs " + 2L * dim
                    + " fp16 bytes (or none), got " + clipEmbeddingFp16.length);
        }
    }
}
