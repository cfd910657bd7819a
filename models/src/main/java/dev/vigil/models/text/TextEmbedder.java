package dev.vigil.models.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.List;
import java.util.Optional;

/**
 * The text side of a bundle: free text to vectors in the same space as the vision tower's pooled frame
 * embeddings, so that a question can be compared with frames by cosine similarity.
 *
 * <p>Two implementations exist: SigLIP's own text tower, and a frozen pretrained sentence encoder followed by a
 * trained linear projection ({@link ProjectedSentenceEmbedder}). {@code bundle.json} says which one a bundle uses.
 */
public interface TextEmbedder extends AutoCloseable {

    /** {@code [texts, dim]} fp32 embeddings (not normalised), owned by {@code out}. */
    NDArray embed(List<String> texts, NDManager out);

    /**
     * The frozen sentence encoder's own vectors ({@code [texts][384]}, L2-normalised), before any projection into the
     * vision space: what the built-in answer model reads to tell wordings apart. Empty for encoders without one
     * (SigLIP's text tower).
     */
    default Optional<float[][]> sentenceVectors(List<String> texts) {
        return Optional.empty();
    }

    /** Frees native resources (tokenizer, weights, runtime session). */
    @Override
    void close();
}
