package dev.vigil.bench.driver;

import java.util.List;

/**
 * The result of {@code vigil bench encoder}.
 *
 * @param kind           always {@code "encoder"} (the report generator dispatches on it)
 * @param command        the command line that produced it
 * @param machine        where and when
 * @param arch           model shape name
 * @param device         DJL device
 * @param precision      weights and activations type
 * @param shape          image, patch, width, MLP, layers, heads, patches per frame, Mamba layers and d_state
 * @param flopsPerFrame  the counted FLOPs per frame, by part (see {@link FlopCount})
 * @param flopFormula    the formula, in words
 * @param gemm           the device's GEMM rate measured in the same run
 * @param batches        one result per batch size
 * @param notes          caveats (load, what is included)
 */
public record EncoderReport(String kind, String command, MachineInfo machine, String arch, String device,
                            String precision, EncoderShape shape, FlopCount flopsPerFrame, String flopFormula,
                            GemmRate gemm, List<EncoderBatchResult> batches, List<String> notes) {

    /**
     * @param image          input side
     * @param patch          patch side
     * @param hidden         width
     * @param intermediate   MLP width
     * @param layers         transformer layers
     * @param heads          attention heads
     * @param patchesPerFrame patch tokens per frame
     * @param mambaLayers    temporal encoder blocks
     * @param mambaState     Mamba d_state
     * @param framesPerClip  frames per clip
     * @param tokensPerClip  merged tokens per clip
     */
    public record EncoderShape(int image, int patch, int hidden, int intermediate, int layers, int heads,
                               int patchesPerFrame, int mambaLayers, int mambaState, int framesPerClip,
                               int tokensPerClip) {
    }
}
