package dev.vigil.models.mamba;

import java.util.Arrays;

/**
 * What one Mamba block must remember to continue a sequence exactly: the SSM state and the convolution
 * window. Both are host arrays because states live per stream between calls (and in Kafka), while the
 * batch on the device is rebuilt for every call from whichever streams are in it.
 *
 * @param ssm      h, row-major [d_inner, d_state], fp32
 * @param convTail the last d_conv − 1 pre-conv inputs (the x branch after {@code in_proj}, before the conv
 *                 and silu), row-major [d_inner, d_conv − 1], oldest column first
 */
public record MambaLayerState(float[] ssm, float[] convTail) {

    public MambaLayerState {
        if (ssm == null || convTail == null) {
            throw new IllegalArgumentException("ssm and convTail must not be null");
        }
    }

    /** The state of a block that has seen nothing: zeros, which is what both references start from. */
    public static MambaLayerState zeros(MambaStateDims dims) {
        return new MambaLayerState(new float[dims.ssmLength()], new float[dims.convTailLength()]);
    }

    /** Whether the arrays have the lengths that {@code dims} requires. */
    public boolean fits(MambaStateDims dims) {
        return ssm.length == dims.ssmLength() && convTail.length == dims.convTailLength();
    }

    // Records compare arrays by reference; a state is a value, so compare contents.
    @Override
    public boolean equals(Object other) {
        return other instanceof MambaLayerState that
                && Arrays.equals(ssm, that.ssm) && Arrays.equals(convTail, that.convTail);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ssm) + Arrays.hashCode(convTail);
    }

    @Override
    public String toString() {
        return "MambaLayerState[ssm=" + ssm.length + " floats, convTail=" + convTail.length + " floats]";
    }
}
