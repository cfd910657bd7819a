package dev.vigil.models.bundle;

/**
 * The Mamba temporal encoder between the vision tower and token merging.
 *
 * @param layers number of Mamba blocks; 0 means no temporal encoder (patch tokens go straight to merging), the
 *     default for a plain Hugging Face SigLIP folder, which has no temporal weights
 * @param dState SSM state size N
 * @param dConv causal convolution width K
 * @param expand inner width factor E
 * @param bidirectional whether a backward scan is added within a clip (the forward state is still carried)
 */
public record TemporalConfig(int layers, int dState, int dConv, int expand, boolean bidirectional) {

    /** No temporal encoder; Mamba-1 defaults for the sizes. */
    public static final TemporalConfig NONE = new TemporalConfig(0, 16, 4, 2, false);

    public TemporalConfig {
        if (layers < 0 || dState < 1 || dConv < 1 || expand < 1) {
            throw new BundleException("temporal config needs layers >= 0 and dState, dConv, expand >= 1; got layers="
                    + layers + ", dState=" + dState + ", dConv=" + dConv + ", expand=" + expand);
        }
    }

    /** Whether a temporal encoder runs at all. */
    public boolean enabled() {
        return layers > 0;
    }
}
