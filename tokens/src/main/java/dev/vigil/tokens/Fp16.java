package dev.vigil.tokens;

/**
 * IEEE 754 half precision (binary16), bit-exact, and its little-endian byte layout: how tokens travel on
 * the wire ({@code TokenMatrix}), sit in TokenMemory, and how fp16 safetensors weights are stored.
 *
 * <p>Java 17 has no {@code Float.float16ToFloat}, so this is the bit-level conversion. Decoding is exact for
 * every input (subnormals, infinities, NaN). Encoding rounds to nearest, ties to even, like PyTorch's
 * {@code tensor.half()}; values that round to 65520 or more become infinity; NaN stays a quiet NaN with the top
 * bits of its payload. One codec for weights and tokens keeps their rounding identical.
 */
public final class Fp16 {

    private Fp16() {
    }

    /** One half to fp32; exact. */
    public static float toFloat(short half) {
        int h = half & 0xffff;
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

    /** One fp32 to half, round to nearest even. */
    public static short fromFloat(float value) {
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
                return (short) sign; // below half the smallest subnormal
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

    /** The half stored little-endian at byte {@code offset}. */
    public static short halfAt(byte[] le, int offset) {
        return (short) ((le[offset] & 0xff) | (le[offset + 1] & 0xff) << 8);
    }

    /**
     * Decodes {@code count} little-endian halves from byte {@code offset} into {@code out} from
     * {@code outOffset}: the allocation-free form, for scans that reuse one buffer.
     */
    public static void decodeInto(byte[] le, int offset, float[] out, int outOffset, int count) {
        for (int i = 0, p = offset; i < count; i++, p += 2) {
            out[outOffset + i] = toFloat(halfAt(le, p));
        }
    }

    /** Decodes {@code count} little-endian halves starting at byte {@code offset}. */
    public static float[] toFloats(byte[] le, int offset, int count) {
        float[] out = new float[count];
        decodeInto(le, offset, out, 0, count);
        return out;
    }

    /** Decodes a whole little-endian fp16 array; its length must be even. */
    public static float[] toFloats(byte[] le) {
        if (le.length % 2 != 0) {
            throw new IllegalArgumentException("fp16 bytes must be even in length, got " + le.length);
        }
        return toFloats(le, 0, le.length / 2);
    }

    /** Encodes floats as little-endian halves (2 bytes per value). */
    public static byte[] toBytes(float[] values) {
        byte[] out = new byte[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            short h = fromFloat(values[i]);
            out[2 * i] = (byte) h;
            out[2 * i + 1] = (byte) (h >> 8);
        }
        return out;
    }
}
