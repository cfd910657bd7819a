package dev.vigil.models.answer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.models.bundle.BundleException;
import dev.vigil.models.weights.FloatTensor;
import dev.vigil.models.weights.SafetensorsFile;
import dev.vigil.models.weights.TensorInfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * vigil's built-in answer model, the LLM in miniature: a projector from an event's merged visual tokens (and its
 * frame embeddings) into a small causal transformer decoder that writes a short answer from a closed vocabulary,
 * citing evidence through slot tokens ({@link AnswerVocabulary}) rather than writing times itself, so it can only
 * cite moments the evidence holds.
 *
 * <p>The prefix (question token, then per event a header token, its frame tokens and its visual tokens, see
 * {@link AnswerLayout}) attends to itself both ways; answer token j attends to the prefix and to answer tokens
 * 0..j. Decoding is greedy with cached keys and values. Plain float arrays: the model is small enough that a
 * native runtime's per-call overhead would cost more than the arithmetic.
 *
 * <p>Immutable after loading; safe for concurrent use.
 */
public final class AnswerModel {
    private final AnswerConfig config;
    private final AnswerVocabulary vocabulary;
    private final int dim;
    private final Map<String, float[]> w;
    private final int bos;
    private final int eos;
    private final int pad;

    /**
     * @param tensors every tensor of {@link AnswerLayout#shapes}, with those shapes
     */
    public AnswerModel(AnswerConfig config, AnswerVocabulary vocabulary, int dim, Map<String, FloatTensor> tensors) {
        this.config = config;
        this.vocabulary = vocabulary;
        this.dim = dim;
        this.w = new HashMap<>();
        for (Map.Entry<String, long[]> e : AnswerLayout.shapes(config, dim, vocabulary.size()).entrySet()) {
            FloatTensor t = tensors.get(e.getKey());
            if (t == null) {
                throw new IllegalArgumentException("the answer model has no tensor " + e.getKey());
            }
            if (!Arrays.equals(t.shape(), e.getValue())) {
                throw new IllegalArgumentException("answer tensor " + e.getKey() + " has shape " + Arrays.toString(t.shape())
                        + ", expected " + Arrays.toString(e.getValue()) + " (bundle dim " + dim + ", vocabulary "
                        + vocabulary.size() + ")");
            }
            w.put(e.getKey(), t.values());
        }
        this.bos = vocabulary.require(AnswerVocabulary.BOS);
        this.eos = vocabulary.require(AnswerVocabulary.EOS);
        this.pad = vocabulary.require(AnswerVocabulary.PAD);
    }

    /**
     * The answer model in a bundle folder ({@code answer.safetensors}, {@code answer-vocab.txt}, {@code answer.json}),
     * or empty when the folder has none.
     *
     * @throws BundleException when the files are there but unusable; the message names the file and the fault
     */
    public static Optional<AnswerModel> load(Path folder, int dim) {
        Path weights = folder.resolve(AnswerLayout.FILE);
        if (!Files.exists(weights)) {
            return Optional.empty();
        }
        ObjectMapper json = new ObjectMapper();
        AnswerConfig config = AnswerConfig.read(folder, json);
        AnswerVocabulary vocabulary = AnswerVocabulary.read(folder);
        SafetensorsFile file = SafetensorsFile.open(weights, json);
        Map<String, FloatTensor> tensors = new HashMap<>();
        for (Map.Entry<String, TensorInfo> e : file.tensors().entrySet()) {
            tensors.put(e.getKey(), file.read(e.getKey()));
        }
        try {
            return Optional.of(new AnswerModel(config, vocabulary, dim, tensors));
        } catch (IllegalArgumentException e) {
            throw new BundleException(weights + " does not fit " + AnswerConfig.FILE + " and " + AnswerVocabulary.FILE
                    + ": " + e.getMessage(), e);
        }
    }

    public AnswerConfig config() {
        return config;
    }

    public AnswerVocabulary vocabulary() {
        return vocabulary;
    }

    public int dim() {
        return dim;
    }

    public int maxEvents() {
        return config.maxEvents();
    }

    public int maxTokensPerEvent() {
        return config.maxTokensPerEvent();
    }

    public int maxFramesPerEvent() {
        return config.maxFramesPerEvent();
    }

    /**
     * The greedy answer: vocabulary tokens up to (not including) {@code <eos>}, slots included.
     *
     * @param events the evidence events in time order, at most {@link #maxEvents()}; rows beyond the per-event
     *               limits are not read
     */
    public List<String> answer(AnswerQuestion question, List<AnswerEvidence> events) {
        Decoder d = new Decoder(prefix(question, events));
        List<String> out = new ArrayList<>();
        int token = bos;
        for (int position = 0; position < config.maxAnswerTokens() - 1; position++) {
            float[] logits = d.step(token, position);
            int next = -1;
            for (int v = 0; v < logits.length; v++) {
                if (v != pad && v != bos && (next < 0 || logits[v] > logits[next])) {
                    next = v;
                }
            }
            if (next == eos) {
                break;
            }
            out.add(vocabulary.token(next));
            token = next;
        }
        return out;
    }

    /**
     * Teacher-forced logits: row j is the distribution after reading {@code ids[0..j]} ({@code ids[0]} is normally
     * {@code <bos>}). What training optimises; the trainer's batched forward is checked against this.
     */
    public float[][] logits(AnswerQuestion question, List<AnswerEvidence> events, int[] ids) {
        if (ids.length > config.maxAnswerTokens()) {
            throw new IllegalArgumentException(ids.length + " answer tokens exceed the model's " + config.maxAnswerTokens());
        }
        Decoder d = new Decoder(prefix(question, events));
        float[][] rows = new float[ids.length][];
        for (int j = 0; j < ids.length; j++) {
            rows[j] = d.step(ids[j], j);
        }
        return rows;
    }

    /** The prefix rows: the question token, then each event's header, frame and visual tokens. */
    private float[][] prefix(AnswerQuestion q, List<AnswerEvidence> events) {
        if (q.sentence().length != config.sentenceDim() || q.embedding().length != dim) {
            throw new IllegalArgumentException("the answer model reads a " + config.sentenceDim() + "-value sentence vector and a "
                    + dim + "-value embedding, got " + q.sentence().length + " and " + q.embedding().length);
        }
        if (events.size() > config.maxEvents()) {
            throw new IllegalArgumentException("the answer model reads at most " + config.maxEvents() + " events, got " + events.size());
        }
        int h = config.width();
        List<float[]> rows = new ArrayList<>();
        rows.add(mlp(AnswerFeatures.question(q), AnswerLayout.QUESTION));
        float[] eventEmbedding = w.get(AnswerLayout.EVENT_EMBEDDING);
        for (int i = 0; i < events.size(); i++) {
            AnswerEvidence e = events.get(i);
            if (e.dim() != dim) {
                throw new IllegalArgumentException("evidence event " + (i + 1) + " has dim " + e.dim() + ", the bundle " + dim);
            }
            int frames = Math.min(e.frameCount(), config.maxFramesPerEvent());
            int tokens = Math.min(e.tokenCount(), config.maxTokensPerEvent());
            List<float[]> eventRows = new ArrayList<>();
            eventRows.add(linear(AnswerLayout.HEADER, AnswerFeatures.header(q, e, frames), 0, AnswerLayout.HEADER_FEATURES, h));
            for (int f = 0; f < frames; f++) {
                eventRows.add(linear(AnswerLayout.FRAME, AnswerFeatures.frame(e, f), 0, dim, h));
            }
            for (int t = 0; t < tokens; t++) {
                eventRows.add(mlp(AnswerFeatures.token(e, t), AnswerLayout.VISUAL));
            }
            for (float[] r : eventRows) {
                for (int k = 0; k < h; k++) {
                    r[k] += eventEmbedding[i * h + k];
                }
            }
            rows.addAll(eventRows);
        }
        return rows.toArray(float[][]::new);
    }

    /** fc1 → tanh-GELU → fc2 under {@code prefix}. */
    private float[] mlp(float[] x, String prefix) {
        int hidden = w.get(prefix + "fc1.bias").length;
        float[] a = linear(prefix + "fc1", x, 0, x.length, hidden);
        gelu(a);
        return linear(prefix + "fc2", a, 0, hidden, w.get(prefix + "fc2.bias").length);
    }

    /** {@code W x + b} for {@code name.weight [out, in]}, reading {@code x[offset .. offset+in)}. */
    private float[] linear(String name, float[] x, int offset, int in, int out) {
        float[] weight = w.get(name + ".weight");
        float[] y = w.get(name + ".bias").clone();
        for (int o = 0; o < out; o++) {
            y[o] += dot(weight, o * in, x, offset, in);
        }
        return y;
    }

    private float[] layerNorm(float[] x, String name) {
        float[] g = w.get(name + ".weight");
        float[] b = w.get(name + ".bias");
        int n = x.length;
        double mean = 0;
        for (float v : x) {
            mean += v;
        }
        mean /= n;
        double var = 0;
        for (float v : x) {
            var += (v - mean) * (v - mean);
        }
        double inv = 1 / Math.sqrt(var / n + AnswerLayout.LAYER_NORM_EPS);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) ((x[i] - mean) * inv) * g[i] + b[i];
        }
        return y;
    }

    private static float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s = 0;
        for (int i = 0; i < n; i++) {
            s += a[ao + i] * b[bo + i];
        }
        return s;
    }

    private static void gelu(float[] x) {
        double c = Math.sqrt(2 / Math.PI);
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            x[i] = (float) (0.5 * v * (1 + Math.tanh(c * (v + 0.044715 * v * v * v))));
        }
    }

    /**
     * One decoding: runs the prefix through every layer at once (it attends both ways), keeping each layer's keys
     * and values, then takes answer tokens one at a time against that cache.
     */
    private final class Decoder {
        private final int h = config.width();
        private final int heads = config.heads();
        private final int headDim = h / heads;
        private final double scale = 1 / Math.sqrt(headDim);
        private final List<List<float[]>> keys = new ArrayList<>();
        private final List<List<float[]>> values = new ArrayList<>();

        Decoder(float[][] prefix) {
            float[][] x = prefix;
            for (int l = 0; l < config.layers(); l++) {
                String p = AnswerLayout.layer(l);
                List<float[]> k = new ArrayList<>();
                List<float[]> v = new ArrayList<>();
                float[][] queries = new float[x.length][];
                for (int i = 0; i < x.length; i++) {
                    float[] qkv = linear(p + "attn.qkv", layerNorm(x[i], p + "ln1"), 0, h, 3 * h);
                    queries[i] = Arrays.copyOfRange(qkv, 0, h);
                    k.add(Arrays.copyOfRange(qkv, h, 2 * h));
                    v.add(Arrays.copyOfRange(qkv, 2 * h, 3 * h));
                }
                keys.add(k);
                values.add(v);
                float[][] next = new float[x.length][];
                for (int i = 0; i < x.length; i++) {
                    next[i] = afterAttention(x[i], queries[i], k, v, p);
                }
                x = next;
            }
        }

        /** Reads answer token {@code id} at {@code position}; returns the logits over the vocabulary. */
        float[] step(int id, int position) {
            float[] tokenEmbedding = w.get(AnswerLayout.TOKEN_EMBEDDING);
            float[] positionEmbedding = w.get(AnswerLayout.POSITION_EMBEDDING);
            float[] x = new float[h];
            for (int k = 0; k < h; k++) {
                x[k] = tokenEmbedding[id * h + k] + positionEmbedding[position * h + k];
            }
            for (int l = 0; l < config.layers(); l++) {
                String p = AnswerLayout.layer(l);
                float[] qkv = linear(p + "attn.qkv", layerNorm(x, p + "ln1"), 0, h, 3 * h);
                keys.get(l).add(Arrays.copyOfRange(qkv, h, 2 * h));
                values.get(l).add(Arrays.copyOfRange(qkv, 2 * h, 3 * h));
                x = afterAttention(x, Arrays.copyOfRange(qkv, 0, h), keys.get(l), values.get(l), p);
            }
            float[] out = layerNorm(x, AnswerLayout.FINAL_LN);
            float[] logits = new float[vocabulary.size()];
            for (int v = 0; v < logits.length; v++) {
                logits[v] = dot(tokenEmbedding, v * h, out, 0, h);
            }
            return logits;
        }

        /** {@code x + out(attention(q; k, v))}, then {@code + mlp(ln2(·))}: the rest of one block. */
        private float[] afterAttention(float[] x, float[] q, List<float[]> k, List<float[]> v, String p) {
            float[] context = new float[h];
            double[] scores = new double[k.size()];
            for (int head = 0; head < heads; head++) {
                int o = head * headDim;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < scores.length; j++) {
                    scores[j] = dot(q, o, k.get(j), o, headDim) * scale;
                    max = Math.max(max, scores[j]);
                }
                double sum = 0;
                for (int j = 0; j < scores.length; j++) {
                    scores[j] = Math.exp(scores[j] - max);
                    sum += scores[j];
                }
                for (int j = 0; j < scores.length; j++) {
                    float a = (float) (scores[j] / sum);
                    float[] vj = v.get(j);
                    for (int c = 0; c < headDim; c++) {
                        context[o + c] += a * vj[o + c];
                    }
                }
            }
            float[] attended = linear(p + "attn.out", context, 0, h, h);
            float[] y = new float[h];
            for (int c = 0; c < h; c++) {
                y[c] = x[c] + attended[c];
            }
            float[] m = mlp(layerNorm(y, p + "ln2"), p + "mlp.");
            for (int c = 0; c < h; c++) {
                y[c] += m[c];
            }
            return y;
        }
    }
}
