package dev.vigil.models.clip;

import dev.vigil.models.mamba.MambaStateDims;
import dev.vigil.models.mamba.MambaStateFormat;
import dev.vigil.models.pooling.GlobalSemanticsFormat;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

/**
 * The byte form of a {@link StreamState}, the value of a camera's {@code vigil.temporal-state} record.
 *
 * <p>Layout, little-endian:
 * <pre>
 *   4 bytes  magic "VCST"
 *   int32    format version (1)
 *   int64    framesSeen
 *   int32    n, then n bytes: the Mamba state in {@link MambaStateFormat} (n = 0: no temporal encoder)
 *   int32    m, then m bytes: the global semantics in {@link GlobalSemanticsFormat}
 * </pre>
 * The two parts keep their own magic, version and dimensions, so a state written by a bundle of other
 * dimensions fails on read instead of resuming garbage.
 */
public final class StreamStateFormat {

    /** Current format version; readers accept only versions they know. */
    public static final int VERSION = 1;

    private static final byte[] MAGIC = {'V', 'C', 'S', 'T'};

    private final MambaStateFormat temporal;
    private final GlobalSemanticsFormat global;

    /**
     * @param temporal the format of the Mamba part
     * @param global   the format of the global-semantics part
     */
    public StreamStateFormat(MambaStateFormat temporal, GlobalSemanticsFormat global) {
        this.temporal = temporal;
        this.global = global;
    }

    /** With the current formats of both parts. */
    public StreamStateFormat() {
        this(new MambaStateFormat(), new GlobalSemanticsFormat());
    }

    /** Encodes a state. */
    public byte[] write(StreamState state) {
        byte[] mamba = state.temporal().map(temporal::write).orElse(new byte[0]);
        byte[] semantics = global.write(state.global());
        return ByteBuffer.allocate(4 + 4 + 8 + 4 + mamba.length + 4 + semantics.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put(MAGIC).putInt(VERSION).putLong(state.framesSeen())
                .putInt(mamba.length).put(mamba)
                .putInt(semantics.length).put(semantics)
                .array();
    }

    /**
     * Decodes a state and checks it against the encoder that will resume it.
     *
     * @param expectedTemporal the Mamba state shape of the bundle, or empty when it has no temporal encoder
     * @param embeddingDim     the width of the pooled frame embeddings
     * @throws IllegalArgumentException naming what does not match in the envelope or the global semantics
     * @throws dev.vigil.models.mamba.MambaStateFormatException naming what does not match in the Mamba state
     */
    public StreamState read(byte[] bytes, Optional<MambaStateDims> expectedTemporal, int embeddingDim) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException("not a stream state: magic bytes are not \"VCST\"");
            }
            int version = in.getInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("stream state format version " + version
                        + " is not supported (this build reads version " + VERSION + ")");
            }
            long framesSeen = in.getLong();
            byte[] mamba = part(in, "Mamba state");
            byte[] semantics = part(in, "global semantics");
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("stream state has " + in.remaining() + " trailing bytes");
            }
            if (mamba.length == 0 && expectedTemporal.isPresent()) {
                throw new IllegalArgumentException("stream state has no Mamba state but the bundle has a temporal"
                        + " encoder (" + expectedTemporal.get() + "); was the bundle changed?");
            }
            if (mamba.length > 0 && expectedTemporal.isEmpty()) {
                throw new IllegalArgumentException("stream state carries a Mamba state but the bundle has no"
                        + " temporal encoder; was the bundle changed?");
            }
            return new StreamState(framesSeen,
                    expectedTemporal.map(dims -> temporal.read(mamba, dims)),
                    global.read(semantics, embeddingDim));
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("stream state is truncated (" + bytes.length + " bytes)", e);
        }
    }

    private static byte[] part(ByteBuffer in, String what) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("stream state is truncated: the " + what + " claims " + length
                    + " bytes, " + in.remaining() + " remain");
        }
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }
}
