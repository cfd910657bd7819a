package dev.vigil.api.ask;

import dev.vigil.tokens.Relevance;

/**
 * Port to the model bundle's text tower: a question as a vector in the frame-embedding space, so it can be
 * compared with the pooled frame embeddings TokenMemory stores. {@code app} wires the real one (the text side of
 * the bundle the encoder workers use).
 */
public interface QuestionEmbedder {
    /** The question's embedding; its dim equals the frame embeddings' dim of {@link #modelId()}. */
    float[] embed(String question);

    /** The model bundle whose space the embeddings are in (clips of other bundles do not compare). */
    String modelId();

    /** How that bundle's cosine similarities become probabilities (its trained sigmoid). */
    Relevance relevance();
}
