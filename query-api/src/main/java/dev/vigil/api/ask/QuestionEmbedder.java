package dev.vigil.api.ask;

/**
 * Port to the model bundle's text tower: a question as a vector in the frame-embedding space, so it can be
 * compared with the pooled frame embeddings TokenMemory stores. {@code cli} wires the real one (SigLIP text
 * tower of the bundle the encoder workers use).
 */
public interface QuestionEmbedder {
    /** The question's embedding; its dim equals the frame embeddings' dim of {@link #modelId()}. */
    float[] embed(String question);

    /** The model bundle whose space the embeddings are in (clips of other bundles do not compare). */
    String modelId();
}
