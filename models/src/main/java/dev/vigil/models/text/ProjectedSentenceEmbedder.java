package dev.vigil.models.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;
import java.util.Optional;

/**
 * A frozen sentence encoder followed by a trained linear map into the vision embedding space:
 * {@code embed(text) = W · minilm(text)} with {@code W = text_projection.weight [visionWidth, 384]} (no bias, as
 * CLIP's projections).
 *
 * <p>Because the sentence encoder was pretrained on a billion sentence pairs, wording that training never used
 * ("a scarlet automobile") lands near the wording it did use ("a red car"), and the projection carries that over.
 */
public final class ProjectedSentenceEmbedder implements TextEmbedder {

    /** The projection's tensor name in a bundle. */
    public static final String PROJECTION = "text_projection.weight";

    private final MiniLmSentenceEncoder sentences;
    private final NDArray projectionT;

    /**
     * @param sentences the sentence encoder; closed with this embedder
     * @param projection {@code [dim, 384]} on the bundle's device; owned by the caller's manager
     */
    public ProjectedSentenceEmbedder(MiniLmSentenceEncoder sentences, NDArray projection) {
        if (projection.getShape().dimension() != 2 || projection.getShape().get(1) != MiniLmSentenceEncoder.DIM) {
            throw new IllegalArgumentException(PROJECTION + " must be [dim, " + MiniLmSentenceEncoder.DIM + "], got "
                    + projection.getShape());
        }
        this.sentences = sentences;
        this.projectionT = projection.transpose();
    }

    @Override
    public NDArray embed(List<String> texts, NDManager out) {
        float[][] vectors = sentences.encode(texts);
        float[] flat = new float[texts.size() * MiniLmSentenceEncoder.DIM];
        for (int i = 0; i < vectors.length; i++) {
            System.arraycopy(vectors[i], 0, flat, i * MiniLmSentenceEncoder.DIM, MiniLmSentenceEncoder.DIM);
        }
        try (NDManager scratch = out.newSubManager(projectionT.getDevice())) {
            NDArray x = scratch.create(flat, new Shape(texts.size(), MiniLmSentenceEncoder.DIM));
            NDArray y = x.matMul(projectionT);
            y.attach(out);
            return y;
        }
    }

    @Override
    public Optional<float[][]> sentenceVectors(List<String> texts) {
        return Optional.of(sentences.encode(texts));
    }

    @Override
    public void close() {
        sentences.close();
    }
}
