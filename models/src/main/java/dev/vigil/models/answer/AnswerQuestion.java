package dev.vigil.models.answer;

/**
 * What the answer model is told about a question: two views of the same text. The sentence vector keeps the
 * wording apart ("leave" and "arrive" are far apart there); the embedding is the question in the vision space, so
 * the model can compare it with an event's frame embeddings as retrieval did.
 *
 * @param sentence  the frozen sentence encoder's L2-normalised vector (MiniLM, 384 values)
 * @param embedding the bundle's text embedding of the question ({@code dim} values, not necessarily normalised)
 */
public record AnswerQuestion(float[] sentence, float[] embedding) {
    public AnswerQuestion {
        if (sentence == null || embedding == null) {
            throw new IllegalArgumentException("an answer question needs both its sentence vector and its embedding");
        }
    }
}
