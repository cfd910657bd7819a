package dev.vigil.models.mamba;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte form of a {@link MambaState}, for checkpoints in Kafka ({@code vigil.temporal-state}).
 *
 * <p>Layout, all little-endian (as the token payloads):
 * <pre>
 *   4 bytes  magic "VMST"
 *   int32    format version (1)
 *   int32    layers, int32 d_inner, int32 d_state, int32 d_conv
 *   int64    tokensSeen
 *   per layer: d_inner·d_state float32 (h, row-major), then d_inner·(d_conv−1) float32 (conv tail)
 * </pre>
 * The dimensions are written out so that a state restored into a different model (a changed bundle)
 * fails loudly instead of silently resuming garbage.
 */
public final class MambaStateFormat {

    /** Current format version; readers accept only versions they know. */
    public static final int VERSION = 1;

    private static final byte[] MAGIC = {'V', 'M', 'S', 'T'};
    private static final int HEADER_BYTES = 4 + 4 * 5 + 8;

    /** Encodes a state. */
    public byte[] write(MambaState state) {
        MambaStateDims dims = state.dims();
        int floats = dims.layers() * (dims.ssmLength() + dims.convTailLength());
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + 4 * floats).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putInt(VERSION)
                .putInt(dims.layers()).putInt(dims.innerSize()).putInt(dims.stateSize()).putInt(dims.convKernel())
                .putLong(state.tokensSeen());
        FloatBuffer body = out.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        for (MambaLayerState layer : state.layers()) {
            body.put(layer.ssm()).put(layer.convTail());
        }
        return out.array();
    }

    /**
     * Decodes a state and checks that it belongs to a stack of shape {@code expected}.
     *
     * @throws MambaStateFormatException on a bad magic, an unknown version, other dimensions, or a wrong length
     */
    public MambaState read(byte[] bytes, MambaStateDims expected) {
        if (bytes.length < HEADER_BYTES) {
            throw new MambaStateFormatException("Mamba state too short: " + bytes.length + " bytes, header alone is "
                    + HEADER_BYTES);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (byte m : MAGIC) {
            if (in.get() != m) {
                throw new MambaStateFormatException("not a Mamba state: magic bytes are not \"VMST\"");
            }
        }
        int version = in.getInt();
        if (version != VERSION) {
            throw new MambaStateFormatException("Mamba state format version " + version + " is not supported (this "
                    + "build reads version " + VERSION + ")");
        }
        int layers = in.getInt();
        int inner = in.getInt();
        int stateSize = in.getInt();
        int conv = in.getInt();
        if (layers != expected.layers() || inner != expected.innerSize() || stateSize != expected.stateSize()
                || conv != expected.convKernel()) {
            throw new MambaStateFormatException("Mamba state has dims layers=" + layers + ", d_inner=" + inner
                    + ", d_state=" + stateSize + ", d_conv=" + conv + " but the model needs " + expected
                    + " (was the model bundle changed?)");
        }
        long tokensSeen = in.getLong();
        long expectedBytes = HEADER_BYTES + 4L * layers * (expected.ssmLength() + (long) expected.convTailLength());
        if (bytes.length != expectedBytes) {
            throw new MambaStateFormatException("Mamba state is " + bytes.length + " bytes, dims " + expected
                    + " need exactly " + expectedBytes);
        }
        FloatBuffer body = in.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        List<MambaLayerState> layerStates = new ArrayList<>(layers);
        for (int i = 0; i < layers; i++) {
            float[] ssm = new float[expected.ssmLength()];
            float[] tail = new float[expected.convTailLength()];
            body.get(ssm).get(tail);
            layerStates.add(new MambaLayerState(ssm, tail));
        }
        return new MambaState(expected, tokensSeen, layerStates);
    }
}
