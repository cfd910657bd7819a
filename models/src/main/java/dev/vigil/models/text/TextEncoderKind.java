package dev.vigil.models.text;

import java.util.Arrays;
import java.util.Locale;

/** Which text encoder a bundle uses, as {@code bundle.json} names it under {@code text.encoder}. */
public enum TextEncoderKind {
    /** SigLIP's text tower ({@code text_model.*}) with the folder's {@code tokenizer.json}: real SigLIP checkpoints. */
    SIGLIP("siglip"),
    /**
     * all-MiniLM-L6-v2 run by ONNX Runtime (frozen, from the classpath), then the bundle's trained
     * {@code text_projection.weight}: synthcam-tiny.
     */
    MINILM_ONNX("minilm-onnx");

    private final String wireName;

    TextEncoderKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name in {@code bundle.json}. */
    public String wireName() {
        return wireName;
    }

    /** Parses a {@link #wireName()}; unknown names are a configuration error that lists the known ones. */
    public static TextEncoderKind fromWire(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.wireName.equals(n)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("text.encoder '" + name + "' is not supported; use "
                        + Arrays.stream(values()).map(k -> "\"" + k.wireName + "\"").toList()));
    }
}
