package dev.vigil.models.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Bit-exact conversions between fp32 and the two 16-bit float formats of safetensors files.
 *
 * <p>Java 17 has no {@code Float.float16ToFloat}, so IEEE half precision is decoded here by hand.
 * Encoding rounds to nearest, ties to even, like PyTorch's {@code tensor.half()} and {@code tensor.bfloat16()}.
 *
 * <p>Public because token payloads on the wire are fp16 too (little-endian IEEE binary16, see
 * {@link #toF16Bytes}); one converter keeps weights and payloads bit-identical in their rounding.
 */
public final class HalfFloats {

    private HalfFloats() {}

    /** IEEE 754 binary16 to fp32; exact for every input, subnormals, infinities and NaN included. */
    public static float f16ToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // subnormal or zero: value = mantissa * 2^-24, exact in fp32
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** fp32 to IEEE 754 binary16, round to nearest even; overflow gives infinity. */
    public static short floatToF16(float value) {
        int f = Float.floatToRawIntBits(value);
        int sign = (f >>> 16) & 0x8000;
        int exponent = (f >>> 23) & 0xff;
        int mantissa = f & 0x7fffff;
        if (exponent == 0xff) {
            return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 | (mantissa >>> 13) : 0));
        }
        int e = exponent - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            // subnormal half: shift the implicit-1 mantissa into place, rounding to nearest even
            int m = mantissa | 0x800000;
            int shift = 14 - e;
            int half = m >>> shift;
            int rest = m & ((1 << shift) - 1);
            int midpoint = 1 << (shift - 1);
            if (rest > midpoint || (rest == midpoint && (half & 1) == 1)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mantissa >>> 13);
        int rest = mantissa & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++; // may carry into the exponent, which is the correct rounding (up to infinity)
        }
        return (short) (sign | half);
    }

    /** bfloat16 to fp32: bfloat16 is the upper half of an fp32, so this is exact. */
    static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    /** fp32 to bfloat16, round to nearest even; NaN stays NaN. */
    static short floatToBf16(float value) {
        int f = Float.floatToRawIntBits(value);
        if ((f & 0x7fffffff) > 0x7f800000) {
            return (short) ((f >>> 16) | 0x40);
        }
        int rounding = 0x7fff + ((f >>> 16) & 1);
        return (short) ((f + rounding) >>> 16);
    }

    /** fp32 values to little-endian IEEE binary16 bytes (2 per value), round to nearest even. */
    public static byte[] toF16Bytes(float[] values) {
        ByteBuffer out = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            out.putShort(floatToF16(v));
        }
        return out.array();
    }

    /** Little-endian IEEE binary16 bytes to fp32 values; the length must be even. */
    public static float[] fromF16Bytes(byte[] bytes) {
        if (bytes.length % 2 != 0) {
            throw new IllegalArgumentException("fp16 payload has an odd length " + bytes.length);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[bytes.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = f16ToFloat(in.getShort(2 * i));
        }
        return out;
    }
}
