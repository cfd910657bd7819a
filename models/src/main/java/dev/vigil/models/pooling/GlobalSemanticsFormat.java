package dev.vigil.models.pooling;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The byte form of {@link GlobalSemantics}, little-endian: magic "VGSM", int32 version (1), int32 dim,
 * int64 frames, then dim float64 sums.
 */
public final class GlobalSemanticsFormat {

    /** Current format version. */
    public static final int VERSION = 1;

    private static final byte[] MAGIC = {'V', 'G', 'S', 'M'};
    private static final int HEADER_BYTES = 4 + 4 + 4 + 8;

    /** Encodes a value. */
    public byte[] write(GlobalSemantics value) {
        double[] sum = value.sum();
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + 8 * sum.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putInt(VERSION).putInt(sum.length).putLong(value.frames());
        for (double v : sum) {
            out.putDouble(v);
        }
        return out.array();
    }

    /**
     * Decodes a value of width {@code expectedDim}.
     *
     * @throws IllegalArgumentException on a bad magic, an unknown version, another width, or a wrong length
     */
    public GlobalSemantics read(byte[] bytes, int expectedDim) {
        if (bytes.length < HEADER_BYTES) {
            throw new IllegalArgumentException("global semantics too short: " + bytes.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (byte m : MAGIC) {
            if (in.get() != m) {
                throw new IllegalArgumentException("not global semantics: magic bytes are not \"VGSM\"");
            }
        }
        int version = in.getInt();
        if (version != VERSION) {
            throw new IllegalArgumentException("global semantics format version " + version + " is not supported");
        }
        int dim = in.getInt();
        if (dim != expectedDim) {
            throw new IllegalArgumentException("global semantics have dim " + dim + " but the model needs "
                    + expectedDim);
        }
        if (bytes.length != HEADER_BYTES + 8L * dim) {
            throw new IllegalArgumentException("global semantics are " + bytes.length + " bytes, dim " + dim
                    + " needs " + (HEADER_BYTES + 8L * dim));
        }
        long frames = in.getLong();
        double[] sum = new double[dim];
        for (int i = 0; i < dim; i++) {
            sum[i] = in.getDouble();
        }
        return new GlobalSemantics(frames, sum);
    }
}
