package dev.vigil.models.runtime;

import ai.djl.ndarray.types.DataType;

import java.util.Locale;

/** The floating-point type model weights and activations are held in. */
public enum Precision {
    FP32(DataType.FLOAT32),
    FP16(DataType.FLOAT16),
    BF16(DataType.BFLOAT16);

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    /** The DJL type of this precision. */
    public DataType dataType() {
        return dataType;
    }

    /**
     * Parses {@code fp32}, {@code float32}, {@code fp16}, {@code float16}, {@code half}, {@code bf16} or
     * {@code bfloat16}, case-insensitively.
     */
    public static Precision parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "fp32", "float32", "float" -> FP32;
            case "fp16", "float16", "half" -> FP16;
            case "bf16", "bfloat16" -> BF16;
            default -> throw new IllegalArgumentException(
                    "unknown precision '" + text + "': use fp32, fp16 or bf16");
        };
    }
}
