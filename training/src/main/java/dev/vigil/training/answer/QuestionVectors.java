package dev.vigil.training.answer;

import dev.vigil.models.answer.AnswerQuestion;
import dev.vigil.models.clip.ClipEncoder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A question as the built-in answerer reads it ({@link AnswerQuestion}): the bundle's sentence-encoder vector and
 * its text embedding, from the same {@link ClipEncoder} calls the API's answerer makes. Both are frozen, so each
 * distinct text is encoded once. Not thread-safe.
 */
public final class QuestionVectors {
    private static final int BATCH = 128;
    private final ClipEncoder encoder;
    private final Map<String, AnswerQuestion> cache = new HashMap<>();

    /** @param encoder the bundle's encoder; its text side must have a sentence encoder and a projection */
    public QuestionVectors(ClipEncoder encoder) {
        this.encoder = encoder;
    }

    /** The question's two vectors; texts not seen yet are encoded in batches. */
    public List<AnswerQuestion> of(List<String> texts) {
        List<String> missing = new ArrayList<>(new LinkedHashSet<>(texts));
        missing.removeIf(cache::containsKey);
        for (int start = 0; start < missing.size(); start += BATCH) {
            List<String> chunk = missing.subList(start, Math.min(missing.size(), start + BATCH));
            float[][] sentences = encoder.sentenceVectors(chunk).orElseThrow(() -> unavailable("a sentence encoder"));
            float[][] embeddings = encoder.embedText(chunk).orElseThrow(() -> unavailable("a text embedding"));
            for (int i = 0; i < chunk.size(); i++) {
                cache.put(chunk.get(i), new AnswerQuestion(sentences[i], embeddings[i]));
            }
        }
        return texts.stream().map(cache::get).toList();
    }

    /** Distinct texts encoded so far. */
    public int size() {
        return cache.size();
    }

    private IllegalStateException unavailable(String what) {
        return new IllegalStateException("model " + encoder.bundle().id() + " has no " + what
                + ", which the answer model reads questions with: " + encoder.bundle().textUnavailableReason());
    }
}
