package dev.vigil.models.siglip;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.models.weights.FloatTensor;
import dev.vigil.models.weights.SafetensorsWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A tiny random SigLIP checkpoint written as a Hugging Face folder ({@code config.json} + {@code model.safetensors}),
 * with the tensors kept for the double-precision reference.
 */
public final class TinySiglip {

    public static final int HIDDEN = 8;
    public static final int HEADS = 2;
    public static final int INTERMEDIATE = 16;
    public static final int IMAGE = 8;
    public static final int PATCH = 4;
    public static final int VOCAB = 20;
    public static final int MAX_POSITIONS = 6;
    public static final int PROJECTION = 8;
    static final double EPS = 1e-6;

    public final Map<String, FloatTensor> tensors = new LinkedHashMap<>();
    final int layers;
    final boolean withHead;
    private final Random random;

    public TinySiglip(long seed, int layers, boolean withHead) {
        this.random = new Random(seed);
        this.layers = layers;
        this.withHead = withHead;
        vision();
        text();
    }

    private void vision() {
        String v = "vision_model.";
        put(v + "embeddings.patch_embedding.weight", 0.3, HIDDEN, 3, PATCH, PATCH);
        put(v + "embeddings.patch_embedding.bias", 0.1, HIDDEN);
        put(v + "embeddings.position_embedding.weight", 0.5, (IMAGE / PATCH) * (IMAGE / PATCH), HIDDEN);
        encoder(v + "encoder");
        norm(v + "post_layernorm");
        if (withHead) {
            put(v + "head.probe", 1.0, 1, 1, HIDDEN);
            put(v + "head.attention.in_proj_weight", 0.5, 3 * HIDDEN, HIDDEN);
            put(v + "head.attention.in_proj_bias", 0.1, 3 * HIDDEN);
            linear(v + "head.attention.out_proj", HIDDEN, HIDDEN);
            norm(v + "head.layernorm");
            linear(v + "head.mlp.fc1", HIDDEN, INTERMEDIATE);
            linear(v + "head.mlp.fc2", INTERMEDIATE, HIDDEN);
        }
    }

    private void text() {
        String t = "text_model.";
        put(t + "embeddings.token_embedding.weight", 1.0, VOCAB, HIDDEN);
        put(t + "embeddings.position_embedding.weight", 0.5, MAX_POSITIONS, HIDDEN);
        encoder(t + "encoder");
        norm(t + "final_layer_norm");
        linear(t + "head", HIDDEN, PROJECTION);
    }

    private void encoder(String prefix) {
        for (int i = 0; i < layers; i++) {
            String l = prefix + ".layers." + i + ".";
            norm(l + "layer_norm1");
            for (String proj : new String[] {"q_proj", "k_proj", "v_proj", "out_proj"}) {
                linear(l + "self_attn." + proj, HIDDEN, HIDDEN);
            }
            norm(l + "layer_norm2");
            linear(l + "mlp.fc1", HIDDEN, INTERMEDIATE);
            linear(l + "mlp.fc2", INTERMEDIATE, HIDDEN);
        }
    }

    private void linear(String prefix, int in, int out) {
        put(prefix + ".weight", 1.0 / Math.sqrt(in), out, in);
        put(prefix + ".bias", 0.1, out);
    }

    private void norm(String prefix) {
        float[] w = new float[HIDDEN];
        float[] b = new float[HIDDEN];
        for (int i = 0; i < HIDDEN; i++) {
            w[i] = (float) (1.0 + 0.2 * random.nextGaussian());
            b[i] = (float) (0.1 * random.nextGaussian());
        }
        tensors.put(prefix + ".weight", FloatTensor.of(w, HIDDEN));
        tensors.put(prefix + ".bias", FloatTensor.of(b, HIDDEN));
    }

    private void put(String name, double std, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (std * random.nextGaussian());
        }
        tensors.put(name, FloatTensor.of(v, shape));
    }

    public String configJson() {
        String common = "\"hidden_size\": " + HIDDEN + ", \"intermediate_size\": " + INTERMEDIATE
                + ", \"num_hidden_layers\": " + layers + ", \"num_attention_heads\": " + HEADS
                + ", \"layer_norm_eps\": " + EPS + ", \"hidden_act\": \"gelu_pytorch_tanh\"";
        return "{\"model_type\": \"siglip\", \"architectures\": [\"SiglipModel\"],\n"
                + " \"vision_config\": {" + common + ", \"image_size\": " + IMAGE + ", \"patch_size\": " + PATCH
                + ", \"model_type\": \"siglip_vision_model\"},\n"
                + " \"text_config\": {" + common + ", \"vocab_size\": " + VOCAB + ", \"max_position_embeddings\": "
                + MAX_POSITIONS + ", \"projection_size\": " + PROJECTION + ", \"pad_token_id\": 1,"
                + " \"model_type\": \"siglip_text_model\"}}\n";
    }

    /** Writes config.json and model.safetensors into {@code dir}; returns dir. */
    public Path writeTo(Path dir, ObjectMapper json) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("config.json"), configJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SafetensorsWriter writer = new SafetensorsWriter(json).metadata("format", "pt");
        tensors.forEach(writer::add);
        writer.write(dir.resolve("model.safetensors"));
        return dir;
    }

    double[] get(String name) {
        float[] f = tensors.get(name).values();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
