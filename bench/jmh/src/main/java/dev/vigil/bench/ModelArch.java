package dev.vigil.bench;

import dev.vigil.models.mamba.MambaConfig;
import dev.vigil.models.siglip.Activation;
import dev.vigil.models.siglip.SiglipVisionConfig;
import dev.vigil.models.siglip.TransformerDims;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The model shapes the benchmarks run at, by their {@code @Param} name. Speed depends on shapes only, so the
 * weights are seeded random ({@link SeededWeights}).
 *
 * @param name          the {@code -p arch=...} value
 * @param imageSize     input side in pixels
 * @param patchSize     patch side in pixels
 * @param width         vision hidden size (= Mamba d_model)
 * @param layers        vision encoder layers
 * @param heads         attention heads (the merge metric chunk is width / heads)
 * @param mlp           MLP width
 * @param mambaLayers   temporal encoder blocks
 * @param mambaState    Mamba d_state
 * @param mambaExpand   Mamba expand (d_inner = expand · width)
 */
public record ModelArch(String name, int imageSize, int patchSize, int width, int layers, int heads, int mlp,
                        int mambaLayers, int mambaState, int mambaExpand) {

    /** Frames per clip in the default token budget. */
    public static final int CLIP_FRAMES = 4;
    /** Merged tokens per frame in the default token budget. */
    public static final int TOKENS_PER_FRAME = 16;

    /** {@code google/siglip-base-patch16-224}'s vision tower, with the default 2-block temporal encoder. */
    public static final ModelArch SIGLIP_B16 = new ModelArch("siglip-b16", 224, 16, 768, 12, 12, 3072, 2, 16, 2);
    /** The shape of the built-in {@code synthcam-tiny} bundle. */
    public static final ModelArch TINY = new ModelArch("tiny", 128, 16, 192, 6, 3, 768, 2, 16, 2);

    /** The architecture a {@code @Param} value names. */
    public static ModelArch named(String name) {
        return Arrays.asList(TINY, SIGLIP_B16).stream()
                .filter(a -> a.name.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown arch '" + name + "'; use one of "
                        + Arrays.asList(TINY, SIGLIP_B16).stream().map(ModelArch::name)
                        .collect(Collectors.joining(", "))));
    }

    /** Patch tokens per frame. */
    public int patchesPerFrame() {
        int grid = imageSize / patchSize;
        return grid * grid;
    }

    /** The vision tower config, with the SigLIP defaults for the rest. */
    public SiglipVisionConfig vision() {
        return new SiglipVisionConfig(new TransformerDims(width, mlp, layers, heads, 1e-6,
                Activation.fromHuggingFace("gelu_pytorch_tanh")), 3, imageSize, patchSize, true);
    }

    /** The temporal encoder config, {@code mamba_ssm} defaults otherwise (d_conv 4, no linear biases). */
    public MambaConfig mamba() {
        return new MambaConfig(width, mambaState, 4, mambaExpand, MambaConfig.autoTimeStepRank(width),
                mambaLayers, 1e-5, false, true, false, "temporal");
    }
}
