package dev.vigil.models.mamba;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Dimensions and options of a Mamba-1 stack, with the meaning of Hugging Face {@code MambaConfig}.
 *
 * @param hiddenSize       d_model, the token width entering and leaving the stack
 * @param stateSize        N = d_state, the SSM state per inner channel
 * @param convKernel       K = d_conv, the causal depthwise convolution width
 * @param expand           E; d_inner = E · d_model
 * @param timeStepRank     R = dt_rank, the width of the low-rank Δ projection
 * @param numLayers        number of pre-norm residual Mamba blocks
 * @param layerNormEpsilon RMSNorm epsilon (HF config default 1e-5)
 * @param useBias          whether {@code in_proj} and {@code out_proj} have biases (HF default true, but
 *                         checkpoints converted from {@code mamba_ssm} set false; always read it from config)
 * @param useConvBias      whether {@code conv1d} has a bias
 * @param bidirectional    VideoMamba "bimamba v2": a second, backward scan over the same call's sequence
 *                         with {@code _b} parameters, summed with the forward one before {@code out_proj}
 * @param prefix           tensor-name prefix of the stack, e.g. {@code temporal} or {@code backbone}
 */
public record MambaConfig(
        int hiddenSize,
        int stateSize,
        int convKernel,
        int expand,
        int timeStepRank,
        int numLayers,
        double layerNormEpsilon,
        boolean useBias,
        boolean useConvBias,
        boolean bidirectional,
        String prefix) {

    public MambaConfig {
        requirePositive("hiddenSize", hiddenSize);
        requirePositive("stateSize", stateSize);
        requirePositive("convKernel", convKernel);
        requirePositive("expand", expand);
        requirePositive("timeStepRank", timeStepRank);
        requirePositive("numLayers", numLayers);
        if (!(layerNormEpsilon > 0)) {
            throw new IllegalArgumentException("layerNormEpsilon must be > 0, got " + layerNormEpsilon);
        }
        if (prefix == null) {
            throw new IllegalArgumentException("prefix must not be null (use \"\" for none)");
        }
    }

    /**
     * The {@code mamba_ssm} defaults (d_state 16, d_conv 4, expand 2, dt_rank ⌈D/16⌉, eps 1e-5, no linear
     * biases, conv bias), forward only.
     */
    public static MambaConfig defaults(int hiddenSize, int numLayers, String prefix) {
        return new MambaConfig(hiddenSize, 16, 4, 2, autoTimeStepRank(hiddenSize), numLayers, 1e-5,
                false, true, false, prefix);
    }

    /**
     * Reads a Hugging Face {@code config.json} of a {@code MambaModel}. Missing keys take the HF
     * {@code MambaConfig} defaults, except that a missing {@code use_bias} is read as false: a config written
     * without it is almost certainly a converted {@code mamba_ssm} checkpoint, and guessing true would
     * fail on load with a clear missing-tensor error anyway.
     */
    public static MambaConfig fromHuggingFace(JsonNode config, String prefix, boolean bidirectional) {
        int hidden = config.path("hidden_size").asInt(768);
        JsonNode rank = config.path("time_step_rank");
        int timeStepRank = rank.isMissingNode() || "auto".equals(rank.asText())
                ? autoTimeStepRank(hidden) : rank.asInt();
        return new MambaConfig(
                hidden,
                config.path("state_size").asInt(16),
                config.path("conv_kernel").asInt(4),
                config.path("expand").asInt(2),
                timeStepRank,
                config.path("num_hidden_layers").asInt(32),
                config.path("layer_norm_epsilon").asDouble(1e-5),
                config.path("use_bias").asBoolean(false),
                config.path("use_conv_bias").asBoolean(true),
                bidirectional,
                prefix);
    }

    /** ⌈d_model / 16⌉, the "auto" rank of both reference implementations. */
    public static int autoTimeStepRank(int hiddenSize) {
        return (hiddenSize + 15) / 16;
    }

    /** d_inner = expand · d_model. */
    public int intermediateSize() {
        return expand * hiddenSize;
    }

    /** The shape of the per-stream state this stack carries between calls. */
    public MambaStateDims stateDims() {
        return new MambaStateDims(numLayers, intermediateSize(), stateSize, convKernel);
    }

    /** Full name of a tensor of the stack: {@code prefix + "." + local}, or {@code local} without a prefix. */
    String tensorName(String local) {
        return prefix.isEmpty() ? local : prefix + "." + local;
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }
}
