package dev.vigil.training;

import dev.vigil.models.text.MiniLmSentenceEncoder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Sentence-encoder vectors of captions, computed once per distinct caption: the encoder is frozen, so a caption's
 * vector never changes and training only pays for captions it has not seen yet. Not thread-safe (one trainer).
 */
public final class CaptionVectors {

    private final MiniLmSentenceEncoder encoder;
    private final Map<String, float[]> cache = new HashMap<>();

    public CaptionVectors(MiniLmSentenceEncoder encoder) {
        this.encoder = encoder;
    }

    /** The vectors of {@code captions} in order, {@code [captions][384]}; new captions are encoded in one batch. */
    public float[][] vectors(List<String> captions) {
        List<String> missing = new ArrayList<>(new LinkedHashSet<>(captions));
        missing.removeIf(cache::containsKey);
        for (int start = 0; start < missing.size(); start += 256) {
            List<String> chunk = missing.subList(start, Math.min(missing.size(), start + 256));
            float[][] encoded = encoder.encode(chunk);
            for (int i = 0; i < chunk.size(); i++) {
                cache.put(chunk.get(i), encoded[i]);
            }
        }
        float[][] out = new float[captions.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = cache.get(captions.get(i));
        }
        return out;
    }

    /** {@link #vectors} laid out row-major in one array, {@code captions × 384}, as a tensor takes them. */
    public float[] flatVectors(List<String> captions) {
        float[][] rows = vectors(captions);
        int width = rows.length == 0 ? 0 : rows[0].length;
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * width, width);
        }
        return out;
    }

    /** Distinct captions encoded so far. */
    public int size() {
        return cache.size();
    }
}
