package dev.vigil.training.answer;

/**
 * One clip of an encoded scene as token memory stores it: the encoder's outputs decoded from the fp16 the
 * pipeline stores.
 *
 * @param index           the clip's index on the camera's grid ({@code MemoryEntry.clipIndex})
 * @param startMillis     epoch millis: its window's start on the camera's event-time grid ({@code ClipGrid})
 * @param endMillis       epoch millis: the window's exclusive end
 * @param tokens          {@code tokenCount × dim} merged tokens, row-major
 * @param tokenCount      rows of {@code tokens}
 * @param frameEmbeddings {@code frameCount × dim} pooled frame embeddings, row-major
 * @param frameCount      rows of {@code frameEmbeddings}
 * @param clipEmbedding   the temporal readout's clip embedding ({@code dim} values), or empty without a readout
 * @param dim             the bundle's width
 */
public record SceneClip(long index, long startMillis, long endMillis, float[] tokens, int tokenCount,
                        float[] frameEmbeddings, int frameCount, float[] clipEmbedding, int dim) {

    public SceneClip {
        if (tokens.length != tokenCount * dim || frameEmbeddings.length != frameCount * dim
                || (clipEmbedding.length != 0 && clipEmbedding.length != dim)) {
            throw new IllegalArgumentException("clip " + index + ": arrays do not match " + tokenCount + " tokens, "
                    + frameCount + " frames and width " + dim);
        }
    }

    /** Clip embeddings: 1 with a readout, else 0. */
    public int clipEmbeddingCount() {
        return clipEmbedding.length == 0 ? 0 : 1;
    }
}
