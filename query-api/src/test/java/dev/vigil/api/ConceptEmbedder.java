package dev.vigil.api;

import dev.vigil.api.ask.QuestionEmbedder;
import dev.vigil.tokens.Relevance;

import java.util.List;
import java.util.Locale;

/**
 * A real, deterministic text embedder for a toy world of concepts: each concept word is one axis of a
 * 16-dim space, the same one-hot "concept" vectors the test clips carry as frame embeddings. A question
 * embeds to the normalised sum of its concept words; with none, to the uniform direction.
 */
final class ConceptEmbedder implements QuestionEmbedder {
    static final int DIM = 16;
    static final List<String> CONCEPTS = List.of("person", "car", "dog", "bicycle", "truck", "cat", "bus", "bird");

    static float[] concept(String word) {
        float[] v = new float[DIM];
        v[CONCEPTS.indexOf(word)] = 1;
        return v;
    }

    @Override
    public float[] embed(String question) {
        float[] v = new float[DIM];
        for (String token : question.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            String word = token.endsWith("s") && CONCEPTS.contains(token.substring(0, token.length() - 1))
                    ? token.substring(0, token.length() - 1) : token;
            int axis = CONCEPTS.indexOf(word);
            if (axis >= 0) {
                v[axis] += 1;
            }
        }
        double norm = 0;
        for (float f : v) {
            norm += f * f;
        }
        if (norm == 0) {
            java.util.Arrays.fill(v, (float) (1 / Math.sqrt(DIM)));
            return v;
        }
        for (int i = 0; i < DIM; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    /** A steep calibration for the one-hot world: a shared concept (cosine ≥ 0.5) is a match, none is not. */
    @Override
    public Relevance relevance() {
        return new Relevance(12, -4);
    }

    @Override
    public String modelId() {
        return "concepts-v1";
    }
}
