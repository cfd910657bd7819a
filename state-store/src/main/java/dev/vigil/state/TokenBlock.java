package dev.vigil.state;

import dev.vigil.tokens.Fp16;

import java.util.Arrays;

/**
 * A count × dim matrix of little-endian IEEE fp16 values, row-major: the in-memory twin of the Avro
 * {@code TokenMatrix}. Used for merged tokens, pooled frame embeddings and clip embeddings.
 *
 * @param count rows
 * @param dim   columns
 * @param fp16  {@code count * dim * 2} bytes
 */
public record TokenBlock(int count, int dim, byte[] fp16) {
    public TokenBlock {
        if (count < 0 || dim < 0) {
            throw new IllegalArgumentException("count and dim must be >= 0, got " + count + " x " + dim);
        }
        if ((long) count * dim * 2 != fp16.length) {
            throw new IllegalArgumentException("a " + count + " x " + dim + " fp16 matrix needs "
                    + (long) count * dim * 2 + " bytes, got " + fp16.length);
        }
    }

    /** An empty block of the given width. */
    public static TokenBlock empty(int dim) {
        return new TokenBlock(0, dim, new byte[0]);
    }

    /** Encodes rows of floats (all of length {@code dim}) as fp16. */
    public static TokenBlock of(float[][] rows, int dim) {
        float[] flat = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != dim) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, expected " + dim);
            }
            System.arraycopy(rows[i], 0, flat, i * dim, dim);
        }
        return new TokenBlock(rows.length, dim, Fp16.toBytes(flat));
    }

    /** Row {@code i} decoded to fp32. */
    public float[] row(int i) {
        return Fp16.toFloats(fp16, i * dim * 2, dim);
    }

    /** All rows decoded to fp32. */
    public float[][] rows() {
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            out[i] = row(i);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenBlock t && t.count == count && t.dim == dim && Arrays.equals(t.fp16, fp16);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * count + dim) + Arrays.hashCode(fp16);
    }

    @Override
    public String toString() {
        return "TokenBlock[" + count + "x" + dim + "]";
    }
}
