package dev.vigil.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.image.RgbFrame;
import dev.vigil.models.text.TextEmbedder;
import dev.vigil.tokens.Similarity;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scores a loaded bundle through its inference path (vision tower, text encoder) on held-out frames with held-out
 * wording: zero-shot classification of single-object frames among every kind × colour, and text-to-frame
 * retrieval.
 */
public final class HeldOutEvaluation {

    private final Wording wording;
    private final long seed;

    /**
     * @param wording the held-out wording ({@link Wording#HELD_OUT})
     * @param seed    which synonyms and templates are drawn
     */
    public HeldOutEvaluation(Wording wording, long seed) {
        this.wording = wording;
        this.seed = seed;
    }

    public HeldOutScores evaluate(ModelBundle bundle, List<TrainingExample> examples) {
        TextEmbedder text = bundle.text().orElseThrow(() -> new IllegalArgumentException("bundle " + bundle.id()
                + " has no text encoder: " + bundle.textUnavailableReason()));
        Set<String> kinds = new TreeSet<>();
        Set<String> colours = new TreeSet<>();
        examples.forEach(e -> e.facts().forEach(f -> {
            kinds.add(f.kind());
            colours.add(f.colour());
        }));
        List<String[]> pairs = new ArrayList<>();
        kinds.forEach(k -> colours.forEach(c -> pairs.add(new String[] {k, c})));
        Random random = new Random(seed);
        float[][] frames = frameEmbeddings(bundle, examples);
        List<String> descriptions = pairs.stream().map(p -> wording.caption(p[0], p[1], null, random)).toList();
        float[][] described = textEmbeddings(text, bundle, descriptions);
        int classified = 0;
        int correct = 0;
        for (int i = 0; i < examples.size(); i++) {
            List<SceneFact> facts = examples.get(i).facts();
            if (facts.size() != 1) {
                continue;
            }
            classified++;
            int best = argmax(frames[i], described);
            correct += facts.get(0).matches(pairs.get(best)[0], pairs.get(best)[1]) ? 1 : 0;
        }
        List<String[]> present = pairs.stream()
                .filter(p -> examples.stream().anyMatch(e -> e.facts().stream().anyMatch(f -> f.matches(p[0], p[1]))))
                .toList();
        List<String> queries = present.stream().map(p -> wording.caption(p[0], p[1], action(examples, p, random),
                random)).toList();
        float[][] asked = textEmbeddings(text, bundle, queries);
        int top1 = 0;
        int top5 = 0;
        for (int q = 0; q < queries.size(); q++) {
            String[] p = present.get(q);
            int[] ranked = ranked(asked[q], frames, 5);
            for (int r = 0; r < ranked.length; r++) {
                boolean hit = examples.get(ranked[r]).facts().stream().anyMatch(f -> f.matches(p[0], p[1]));
                if (hit) {
                    top1 += r == 0 ? 1 : 0;
                    top5++;
                    break;
                }
            }
        }
        return new HeldOutScores(classified, classified == 0 ? 0 : (double) correct / classified, queries.size(),
                queries.isEmpty() ? 0 : (double) top1 / queries.size(), queries.isEmpty() ? 0 : (double) top5 / queries.size());
    }

    /** An action some object of this kind and colour does, for the query's wording. */
    private String action(List<TrainingExample> examples, String[] pair, Random random) {
        List<String> actions = examples.stream().flatMap(e -> e.facts().stream())
                .filter(f -> f.matches(pair[0], pair[1]))
                .flatMap(f -> f.actions().stream())
                .filter(wording::knowsAction)
                .distinct().sorted().toList();
        return actions.isEmpty() ? null : actions.get(random.nextInt(actions.size()));
    }

    private static float[][] frameEmbeddings(ModelBundle bundle, List<TrainingExample> examples) {
        float[][] out = new float[examples.size()][];
        for (int start = 0; start < examples.size(); start += 64) {
            List<RgbFrame> chunk = examples.subList(start, Math.min(examples.size(), start + 64)).stream()
                    .map(TrainingExample::frame).toList();
            try (NDManager scratch = bundle.manager().newSubManager()) {
                NDArray pooled = bundle.vision().encode(chunk, scratch).pooled();
                rows(pooled, out, start);
            }
        }
        return out;
    }

    private static float[][] textEmbeddings(TextEmbedder text, ModelBundle bundle, List<String> texts) {
        float[][] out = new float[texts.size()][];
        try (NDManager scratch = bundle.manager().newSubManager()) {
            rows(text.embed(texts, scratch), out, 0);
        }
        return out;
    }

    private static void rows(NDArray matrix, float[][] out, int offset) {
        int n = Math.toIntExact(matrix.getShape().get(0));
        int d = Math.toIntExact(matrix.getShape().get(1));
        float[] flat = matrix.toFloatArray();
        for (int i = 0; i < n; i++) {
            float[] row = new float[d];
            System.arraycopy(flat, i * d, row, 0, d);
            out[offset + i] = Similarity.normalised(row);
        }
    }

    private static int argmax(float[] x, float[][] candidates) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < candidates.length; j++) {
            double s = Similarity.dot(x, candidates[j]);
            if (s > bestScore) {
                bestScore = s;
                best = j;
            }
        }
        return best;
    }

    private static int[] ranked(float[] query, float[][] items, int k) {
        Integer[] order = new Integer[items.length];
        double[] scores = new double[items.length];
        for (int i = 0; i < items.length; i++) {
            order[i] = i;
            scores[i] = Similarity.dot(query, items[i]);
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        int n = Math.min(k, items.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = order[i];
        }
        return out;
    }
}
