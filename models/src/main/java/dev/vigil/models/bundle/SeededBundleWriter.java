package dev.vigil.models.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.models.weights.FloatTensor;
import dev.vigil.models.weights.SafetensorsWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a model bundle folder with seeded random weights in the exact layout of a real one: a SigLIP vision
 * tower (with attention-pooling head), optionally a SigLIP text tower with a word-level {@code tokenizer.json},
 * a Mamba temporal encoder under {@code temporal.*} (mamba_ssm naming: no linear biases, conv bias), and
 * {@code bundle.json}.
 *
 * <p>For tests, benchmarks ({@code vigil bench encoder}: numerics do not change speed) and as the starting point
 * of training. Mamba parameters follow the reference initialisation's character (S4D-real A, dt in [1e-3, 0.1],
 * D = 1) so the carried state decays like a real model's. The same seed and shape give byte-identical files.
 */
public final class SeededBundleWriter {

    /**
     * The architecture to write.
     *
     * @param image          input image side
     * @param patch          patch side
     * @param hidden         tower width
     * @param intermediate   MLP width
     * @param layers         encoder layers per tower
     * @param heads          attention heads
     * @param tokensPerFrame merged tokens per frame in {@code bundle.json}
     */
    public record Shape(int image, int patch, int hidden, int intermediate, int layers, int heads, int tokensPerFrame) {
        /** 16×16 images, 4×4 patches, width 16: fast enough for every unit test. */
        public static Shape tiny() {
            return new Shape(16, 4, 16, 32, 1, 2, 4);
        }

        /** google/siglip-base-patch16-224's vision tower. */
        public static Shape siglipB16() {
            return new Shape(224, 16, 768, 3072, 12, 12, 16);
        }

        /** google/siglip-so400m-patch14-384's vision tower (for {@code vigil bench encoder}: shapes, not weights). */
        public static Shape siglipSo400m() {
            return new Shape(384, 14, 1152, 4304, 27, 16, 16);
        }

        /** The built-in synthcam-tiny bundle's shape. */
        public static Shape synthcamTiny() {
            return new Shape(128, 16, 192, 768, 6, 3, 16);
        }

        public int patches() {
            return (image / patch) * (image / patch);
        }
    }

    static final int VOCAB = 12;
    static final int MAX_POSITIONS = 6;
    static final int PROJECTION = 8;

    /** A word-level tokenizer.json that lowercases, splits on whitespace and appends {@code </s>} (id 1). */
    static final String TOKENIZER_JSON = """
            {"version": "1.0", "truncation": null, "padding": null,
             "added_tokens": [
               {"id": 1, "content": "</s>", "single_word": false, "lstrip": false, "rstrip": false,
                "normalized": false, "special": true},
               {"id": 2, "content": "<unk>", "single_word": false, "lstrip": false, "rstrip": false,
                "normalized": false, "special": true}],
             "normalizer": {"type": "Lowercase"},
             "pre_tokenizer": {"type": "Whitespace"},
             "post_processor": {"type": "TemplateProcessing",
               "single": [{"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}],
               "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}},
                        {"Sequence": {"id": "B", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}],
               "special_tokens": {"</s>": {"id": "</s>", "ids": [1], "tokens": ["</s>"]}}},
             "decoder": null,
             "model": {"type": "WordLevel", "unk_token": "<unk>",
               "vocab": {"<pad>": 0, "</s>": 1, "<unk>": 2, "a": 3, "red": 4, "car": 5, "person": 6, "at": 7,
                         "the": 8, "door": 9, "truck": 10}}}
            """;

    private final Random random;
    private final Shape shape;
    private int temporalLayers = 2;
    private int dState = 4;
    private boolean withText;
    private boolean withReadout;

    public SeededBundleWriter(Shape shape, long seed) {
        this.shape = shape;
        this.random = new Random(seed);
    }

    /** Mamba blocks; 0 writes a bundle without a temporal encoder. */
    public SeededBundleWriter temporalLayers(int layers) {
        this.temporalLayers = layers;
        return this;
    }

    public SeededBundleWriter dState(int n) {
        this.dState = n;
        return this;
    }

    /** Adds a one-layer text tower with a toy word-level vocabulary (a, red, car, person, at, the, door, truck). */
    public SeededBundleWriter withText() {
        this.withText = true;
        return this;
    }

    /**
     * Adds a seeded temporal readout ({@code temporal_readout.*}, an attention-pooling head like the vision one), drawn
     * after every other tensor so that the rest of the bundle is the same with or without it.
     */
    public SeededBundleWriter withReadout() {
        this.withReadout = true;
        return this;
    }

    /** Writes {@code config.json}, {@code bundle.json}, {@code model.safetensors} (and the tokenizer); returns dir. */
    public Path writeTo(Path dir) {
        ObjectMapper json = new ObjectMapper();
        SafetensorsWriter writer = new SafetensorsWriter(json).metadata("format", "pt");
        vision(writer);
        if (withText) {
            text(writer);
        }
        if (temporalLayers > 0) {
            temporal(writer);
        }
        if (withReadout) {
            attentionPooling(writer, "temporal_readout");
            gaussian(writer, "temporal_readout.frame_embedding", 0.5, 4, shape.hidden()); // 4 = clipFrames below
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("config.json"), configJson());
            Files.writeString(dir.resolve("bundle.json"), bundleJson(dir.getFileName().toString()));
            if (withText) {
                Files.writeString(dir.resolve("tokenizer.json"), TOKENIZER_JSON);
                Files.writeString(dir.resolve("tokenizer_config.json"), "{\"pad_token\": \"</s>\"}");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writer.write(dir.resolve("model.safetensors"));
        return dir;
    }

    private String bundleJson(String id) {
        String temporal = temporalLayers == 0 ? "" : ", \"temporal\": {\"layers\": " + temporalLayers
                + ", \"dState\": " + dState + ", \"dConv\": 4, \"expand\": 2, \"bidirectional\": false}";
        return "{\"id\": \"" + id + "\", \"architecture\": \"siglip\","
                + " \"dims\": {\"hidden\": " + shape.hidden() + ", \"tokensPerFrame\": " + shape.patches() + "},"
                + " \"tokenBudget\": {\"tokensPerFrame\": " + shape.tokensPerFrame() + ", \"clipFrames\": 4}"
                + temporal + "}";
    }

    private String configJson() {
        String common = "\"hidden_size\": " + shape.hidden() + ", \"intermediate_size\": " + shape.intermediate()
                + ", \"num_attention_heads\": " + shape.heads()
                + ", \"layer_norm_eps\": 1e-6, \"hidden_act\": \"gelu_pytorch_tanh\"";
        // The toy text tower has one layer whatever the vision depth: it exists to exercise the text path.
        String text = !withText ? "" : ",\n \"text_config\": {" + common + ", \"num_hidden_layers\": 1, \"vocab_size\": " + VOCAB
                + ", \"max_position_embeddings\": " + MAX_POSITIONS + ", \"projection_size\": " + PROJECTION
                + ", \"pad_token_id\": 1, \"model_type\": \"siglip_text_model\"}";
        return "{\"model_type\": \"siglip\",\n \"vision_config\": {" + common + ", \"num_hidden_layers\": " + shape.layers()
                + ", \"image_size\": " + shape.image()
                + ", \"patch_size\": " + shape.patch() + ", \"model_type\": \"siglip_vision_model\"}" + text + "}\n";
    }

    private void vision(SafetensorsWriter w) {
        String v = "vision_model.";
        gaussian(w, v + "embeddings.patch_embedding.weight", 0.3, shape.hidden(), 3, shape.patch(), shape.patch());
        gaussian(w, v + "embeddings.patch_embedding.bias", 0.1, shape.hidden());
        gaussian(w, v + "embeddings.position_embedding.weight", 0.5, shape.patches(), shape.hidden());
        for (int layer = 0; layer < shape.layers(); layer++) {
            encoderLayer(w, v + "encoder.layers." + layer + ".");
        }
        norm(w, v + "post_layernorm");
        attentionPooling(w, v + "head");
    }

    /** SigLIP's MAP head under {@code prefix}. */
    private void attentionPooling(SafetensorsWriter w, String prefix) {
        gaussian(w, prefix + ".probe", 1.0, 1, 1, shape.hidden());
        gaussian(w, prefix + ".attention.in_proj_weight", 0.5, 3 * shape.hidden(), shape.hidden());
        gaussian(w, prefix + ".attention.in_proj_bias", 0.1, 3 * shape.hidden());
        linear(w, prefix + ".attention.out_proj", shape.hidden(), shape.hidden());
        norm(w, prefix + ".layernorm");
        linear(w, prefix + ".mlp.fc1", shape.hidden(), shape.intermediate());
        linear(w, prefix + ".mlp.fc2", shape.intermediate(), shape.hidden());
    }

    private void text(SafetensorsWriter w) {
        String t = "text_model.";
        gaussian(w, t + "embeddings.token_embedding.weight", 1.0, VOCAB, shape.hidden());
        gaussian(w, t + "embeddings.position_embedding.weight", 0.5, MAX_POSITIONS, shape.hidden());
        encoderLayer(w, t + "encoder.layers.0.");
        norm(w, t + "final_layer_norm");
        linear(w, t + "head", shape.hidden(), PROJECTION);
    }

    private void encoderLayer(SafetensorsWriter w, String prefix) {
        norm(w, prefix + "layer_norm1");
        for (String proj : new String[] {"q_proj", "k_proj", "v_proj", "out_proj"}) {
            linear(w, prefix + "self_attn." + proj, shape.hidden(), shape.hidden());
        }
        norm(w, prefix + "layer_norm2");
        linear(w, prefix + "mlp.fc1", shape.hidden(), shape.intermediate());
        linear(w, prefix + "mlp.fc2", shape.intermediate(), shape.hidden());
    }

    private void temporal(SafetensorsWriter w) {
        int inner = 2 * shape.hidden();
        int rank = (shape.hidden() + 15) / 16;
        int k = 4;
        for (int layer = 0; layer < temporalLayers; layer++) {
            String block = "temporal.layers." + layer + ".";
            String mixer = block + "mixer.";
            uniformAround(w, block + "norm.weight", 1, 0.1, shape.hidden());
            uniform(w, mixer + "in_proj.weight", shape.hidden(), 2 * inner, shape.hidden());
            uniform(w, mixer + "out_proj.weight", inner, shape.hidden(), inner);
            uniform(w, mixer + "conv1d.weight", k, inner, 1, k);
            uniform(w, mixer + "conv1d.bias", k, inner);
            uniform(w, mixer + "x_proj.weight", inner, rank + 2 * dState, inner);
            uniform(w, mixer + "dt_proj.weight", rank, inner, rank);
            float[] dtBias = new float[inner];
            for (int i = 0; i < inner; i++) {
                double dt = Math.exp(Math.log(1e-3) + random.nextDouble() * (Math.log(0.1) - Math.log(1e-3)));
                dtBias[i] = (float) (dt + Math.log(-Math.expm1(-dt))); // inverse softplus
            }
            w.add(mixer + "dt_proj.bias", FloatTensor.of(dtBias, inner));
            float[] aLog = new float[inner * dState];
            for (int i = 0; i < aLog.length; i++) {
                aLog[i] = (float) Math.log(i % dState + 1);
            }
            w.add(mixer + "A_log", FloatTensor.of(aLog, inner, dState));
            uniformAround(w, mixer + "D", 1, 0.1, inner);
        }
        uniformAround(w, "temporal.norm_f.weight", 1, 0.1, shape.hidden());
    }

    private void linear(SafetensorsWriter w, String prefix, int in, int out) {
        gaussian(w, prefix + ".weight", 1.0 / Math.sqrt(in), out, in);
        gaussian(w, prefix + ".bias", 0.1, out);
    }

    private void norm(SafetensorsWriter w, String prefix) {
        uniformAround(w, prefix + ".weight", 1, 0.2, shape.hidden());
        gaussian(w, prefix + ".bias", 0.1, shape.hidden());
    }

    private void gaussian(SafetensorsWriter w, String name, double std, long... shape) {
        float[] v = new float[count(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (std * random.nextGaussian());
        }
        w.add(name, FloatTensor.of(v, shape));
    }

    private void uniform(SafetensorsWriter w, String name, int fanIn, long... shape) {
        double bound = 1 / Math.sqrt(fanIn);
        float[] v = new float[count(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        w.add(name, FloatTensor.of(v, shape));
    }

    private void uniformAround(SafetensorsWriter w, String name, double centre, double spread, long... shape) {
        float[] v = new float[count(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (centre + (random.nextDouble() * 2 - 1) * spread);
        }
        w.add(name, FloatTensor.of(v, shape));
    }

    private static int count(long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }
}
