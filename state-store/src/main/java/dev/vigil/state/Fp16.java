package dev.vigil.state;

/**
 * IEEE 754 half precision (binary16) conversion, little-endian byte layout as in {@code TokenMatrix}.
 *
 * <p>Java 17 has no {@code Float.float16ToFloat}; this is the usual bit-level conversion. Rounding to half
 * is round-to-nearest-even, overflow saturates to infinity, NaN stays NaN.
 */
public final class Fp16 {
    private Fp16() {
    }

    /** Decodes {@code count} little-endian halves starting at byte {@code offset}. */
    public static float[] toFloats(byte[] le, int offset, int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            int p = offset + 2 * i;
            out[i] = toFloat((short) ((le[p] & 0xff) | (le[p + 1] & 0xff) << 8));
        }
        return out;
    }

    /** Decodes a whole little-endian fp16 array. */
    public static float[] toFloats(byte[] le) {
        if (le.length % 2 != 0) {
            throw new IllegalArgumentException("fp16 bytes must be even in length, got " + le.length);
        }
        return toFloats(le, 0, le.length / 2);
    }

    /** Encodes floats as little-endian halves. */
    public static byte[] toBytes(float[] values) {
        byte[] out = new byte[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            short h = fromFloat(values[i]);
            out[2 * i] = (byte) h;
            out[2 * i + 1] = (byte) (h >> 8);
        }
        return out;
    }

    /** One half to float. */
    public static float toFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            // subnormal half: value = mant * 2^-24
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | (exp + 112) << 23 | mant << 13);
    }

    /** One float to half, round to nearest even. */
    public static short fromFloat(float value) {
        int f = Float.floatToRawIntBits(value);
        int sign = (f >>> 16) & 0x8000;
        int abs = f & 0x7fffffff;
        if (abs >= 0x7f800000) { // inf or NaN
            return (short) (sign | 0x7c00 | (abs > 0x7f800000 ? 0x200 : 0));
        }
        if (abs >= 0x477ff000) { // rounds to >= 65520: overflow
            return (short) (sign | 0x7c00);
        }
        if (abs < 0x38800000) { // below the smallest normal half: subnormal or zero
            if (abs < 0x33000000) { // below half of the smallest subnormal
                return (short) sign;
            }
            int e = abs >>> 23;
            int m = (abs & 0x7fffff) | 0x800000;
            int shift = 126 - e; // 113 - e + 13
            int halfMant = m >>> shift;
            int rest = m & ((1 << shift) - 1);
            int halfway = 1 << (shift - 1);
            if (rest > halfway || (rest == halfway && (halfMant & 1) == 1)) {
                halfMant++;
            }
            return (short) (sign | halfMant);
        }
        int e = (abs >>> 23) - 112;
        int m = abs & 0x7fffff;
        int halfBits = (e << 10) | (m >>> 13);
        int rest = m & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (halfBits & 1) == 1)) {
            halfBits++; // may carry into the exponent, which is the right result
        }
        return (short) (sign | halfBits);
    }
}
