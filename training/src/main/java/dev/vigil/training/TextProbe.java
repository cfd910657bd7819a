package dev.vigil.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How far a <em>linear</em> map on top of a frozen sentence encoder can carry the training wording over to the
 * held-out wording, with no pixels involved: a ridge regression from sentence vectors to one-hot kind and colour,
 * fitted on training captions, then asked to name the kind and colour of held-out questions.
 *
 * <p>The trained {@code text_projection} is such a linear map, so the probe's held-out accuracy is a fair estimate
 * of the ceiling the text side puts on held-out retrieval, whatever the vision tower learns. Per held-out word
 * accuracies show which synonyms the encoder does not place near the training words.
 */
public final class TextProbe {

    /**
     * @param kind      share of held-out questions whose kind the map names
     * @param colour    share whose colour it names
     * @param both      share with both right
     * @param questions held-out questions asked
     * @param byWord    per held-out kind or colour word: share named right
     */
    public record Result(double kind, double colour, double both, int questions, Map<String, Double> byWord) {
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                    "kind %.3f, colour %.3f, both %.3f over %d held-out questions; by word:", kind, colour, both,
                    questions));
            byWord.forEach((w, a) -> s.append(String.format(Locale.ROOT, " %s %.2f", w, a)));
            return s.toString();
        }
    }

    private final Wording training;
    private final Wording heldOut;
    private final double ridge;
    private final int perFact;
    private final long seed;

    /**
     * @param ridge   L2 penalty of the fit (sentence vectors are unit length)
     * @param perFact captions per kind × colour, for fitting and for asking
     */
    public TextProbe(Wording training, Wording heldOut, double ridge, int perFact, long seed) {
        this.training = training;
        this.heldOut = heldOut;
        this.ridge = ridge;
        this.perFact = perFact;
        this.seed = seed;
    }

    /**
     * @param encoder       sentence vectors of texts (all of one width)
     * @param actionsByKind actions mentioned in captions, per kind (every caption of a kind with actions names one)
     */
    public Result run(Function<List<String>, float[][]> encoder, List<String> kinds, List<String> colours,
                      Map<String, List<String>> actionsByKind) {
        int targets = kinds.size() + colours.size();
        Random random = new Random(seed);
        List<String> fit = new ArrayList<>();
        List<int[]> fitFacts = new ArrayList<>();
        List<String> ask = new ArrayList<>();
        List<int[]> askFacts = new ArrayList<>();
        for (int k = 0; k < kinds.size(); k++) {
            for (int c = 0; c < colours.size(); c++) {
                List<String> actions = actionsByKind.getOrDefault(kinds.get(k), List.of());
                for (int i = 0; i < perFact; i++) {
                    String action = actions.isEmpty() || i % 3 == 0 ? null : actions.get(random.nextInt(actions.size()));
                    fit.add(training.caption(kinds.get(k), colours.get(c), action, random));
                    fitFacts.add(new int[] {k, c});
                    ask.add(heldOut.caption(kinds.get(k), colours.get(c), action, random));
                    askFacts.add(new int[] {k, c});
                }
            }
        }
        float[][] x = encoder.apply(fit);
        int d = x[0].length;
        double[][] a = new double[d][d + targets];
        for (int n = 0; n < x.length; n++) {
            float[] v = x[n];
            int[] f = fitFacts.get(n);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    a[i][j] += v[i] * v[j];
                }
                a[i][d + f[0]] += v[i];
                a[i][d + kinds.size() + f[1]] += v[i];
            }
        }
        for (int i = 0; i < d; i++) {
            a[i][i] += ridge;
        }
        solveInPlace(a, d);

        float[][] q = encoder.apply(ask);
        int kindRight = 0;
        int colourRight = 0;
        int bothRight = 0;
        Map<String, int[]> words = new TreeMap<>();
        for (int n = 0; n < q.length; n++) {
            double[] score = new double[targets];
            for (int t = 0; t < targets; t++) {
                for (int i = 0; i < d; i++) {
                    score[t] += q[n][i] * a[i][d + t];
                }
            }
            int kind = argmax(score, 0, kinds.size());
            int colour = argmax(score, kinds.size(), targets) - kinds.size();
            int[] f = askFacts.get(n);
            boolean k = kind == f[0];
            boolean c = colour == f[1];
            kindRight += k ? 1 : 0;
            colourRight += c ? 1 : 0;
            bothRight += k && c ? 1 : 0;
            count(words, word(ask.get(n), heldOut.alternatives("kind." + kinds.get(f[0]))), k);
            count(words, word(ask.get(n), heldOut.alternatives("colour." + colours.get(f[1]))), c);
        }
        Map<String, Double> byWord = new TreeMap<>();
        words.forEach((w, r) -> byWord.put(w, Math.round(1000.0 * r[0] / r[1]) / 1000.0));
        int total = q.length;
        return new Result((double) kindRight / total, (double) colourRight / total, (double) bothRight / total, total,
                byWord);
    }

    /** The synonym the text uses (whole words; the longest when several match). */
    private static String word(String text, List<String> synonyms) {
        List<String> tokens = Arrays.asList(text.toLowerCase(Locale.ROOT).split("[^a-z-]+"));
        String best = "?";
        for (String s : synonyms) {
            List<String> parts = Arrays.asList(s.toLowerCase(Locale.ROOT).split(" "));
            if (java.util.Collections.indexOfSubList(tokens, parts) >= 0 && s.length() > best.length()) {
                best = s;
            }
        }
        return best;
    }

    private static void count(Map<String, int[]> words, String word, boolean right) {
        int[] r = words.computeIfAbsent(word, w -> new int[2]);
        r[0] += right ? 1 : 0;
        r[1]++;
    }

    private static int argmax(double[] x, int from, int to) {
        int best = from;
        for (int i = from + 1; i < to; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Gauss–Jordan on {@code [A | B]} with A symmetric positive definite (ridge keeps it so): leaves A⁻¹B in B. */
    private static void solveInPlace(double[][] a, int d) {
        int width = a[0].length;
        for (int p = 0; p < d; p++) {
            double pivot = a[p][p];
            for (int c = p; c < width; c++) {
                a[p][c] /= pivot;
            }
            for (int r = 0; r < d; r++) {
                double f = a[r][p];
                if (r != p && f != 0) {
                    for (int c = p; c < width; c++) {
                        a[r][c] -= f * a[p][c];
                    }
                }
            }
        }
    }
}
