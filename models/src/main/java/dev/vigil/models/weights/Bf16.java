package dev.vigil.models.weights;

/**
 * bfloat16, the other 16-bit float of safetensors files, bit-exact. IEEE half precision is
 * {@link dev.vigil.tokens.Fp16}, shared with the token payloads; bf16 occurs only in weights.
 */
final class Bf16 {

    private Bf16() {}

    /** bfloat16 to fp32: bfloat16 is the upper half of an fp32, so this is exact. */
    static float toFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    /** fp32 to bfloat16, round to nearest even like PyTorch's {@code tensor.bfloat16()}; NaN stays NaN. */
    static short fromFloat(float value) {
        int f = Float.floatToRawIntBits(value);
        if ((f & 0x7fffffff) > 0x7f800000) {
            return (short) ((f >>> 16) | 0x40);
        }
        int rounding = 0x7fff + ((f >>> 16) & 1);
        return (short) ((f + rounding) >>> 16);
    }
}
