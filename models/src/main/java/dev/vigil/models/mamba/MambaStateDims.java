package dev.vigil.models.mamba;

/**
 * The shape of a {@link MambaState}: what a serialised state must match to be resumed by a given stack.
 *
 * @param layers     number of Mamba blocks
 * @param innerSize  d_inner
 * @param stateSize  d_state
 * @param convKernel d_conv; the state keeps the last {@code convKernel - 1} pre-conv inputs
 */
public record MambaStateDims(int layers, int innerSize, int stateSize, int convKernel) {

    public MambaStateDims {
        if (layers <= 0 || innerSize <= 0 || stateSize <= 0 || convKernel <= 0) {
            throw new IllegalArgumentException("state dims must be positive: " + describe(layers, innerSize,
                    stateSize, convKernel));
        }
    }

    /** Floats in one layer's SSM state h: d_inner × d_state. */
    public int ssmLength() {
        return innerSize * stateSize;
    }

    /** Floats in one layer's conv window: d_inner × (d_conv − 1). */
    public int convTailLength() {
        return innerSize * (convKernel - 1);
    }

    @Override
    public String toString() {
        return describe(layers, innerSize, stateSize, convKernel);
    }

    private static String describe(int layers, int innerSize, int stateSize, int convKernel) {
        return "layers=" + layers + ", d_inner=" + innerSize + ", d_state=" + stateSize + ", d_conv=" + convKernel;
    }
}
