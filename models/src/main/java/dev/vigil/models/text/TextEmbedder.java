package dev.vigil.models.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.List;

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

    /** Frees native resources (tokenizer, weights, runtime session). */
    @Override
    void close();
}
