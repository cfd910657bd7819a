package dev.vigil.models.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vigil.models.weights.Weights;

/**
 * The parameters of one scan direction of a mixer, shaped for the forward pass.
 *
 * @param convWeight   depthwise conv taps [d_inner, d_conv]; the last tap multiplies the current input
 * @param convBias     [d_inner], or null when the config has no conv bias
 * @param xProj        [dt_rank + 2·d_state, d_inner], rows split as (Δ_low, B, C)
 * @param dtProjWeight [d_inner, dt_rank]
 * @param dtProjBias   [d_inner], added before the softplus
 * @param a            A = −exp(A_log), [d_inner, d_state]; computed once at load, not per call
 * @param d            skip weights [d_inner]
 */
public record DirectionWeights(
        NDArray convWeight,
        NDArray convBias,
        NDArray xProj,
        NDArray dtProjWeight,
        NDArray dtProjBias,
        NDArray a,
        NDArray d) {

    /** Loads one direction of layer {@code layer} from HF-named tensors under {@code mixerPrefix}. */
    static DirectionWeights load(Weights weights, String mixerPrefix, ScanDirection direction, MambaConfig config,
                                 NDManager manager) {
        int inner = config.intermediateSize();
        int n = config.stateSize();
        int rank = config.timeStepRank();
        int k = config.convKernel();
        NDArray conv = weights.get(mixerPrefix + direction.conv() + ".weight", new Shape(inner, 1, k), manager)
                .reshape(inner, k);
        NDArray convBias = config.useConvBias()
                ? weights.get(mixerPrefix + direction.conv() + ".bias", new Shape(inner), manager) : null;
        NDArray xProj = weights.get(mixerPrefix + direction.xProj() + ".weight", new Shape(rank + 2L * n, inner),
                manager);
        NDArray dtW = weights.get(mixerPrefix + direction.dtProj() + ".weight", new Shape(inner, rank), manager);
        NDArray dtB = weights.get(mixerPrefix + direction.dtProj() + ".bias", new Shape(inner), manager);
        NDArray aLog = weights.get(mixerPrefix + direction.aLog(), new Shape(inner, n), manager);
        NDArray a = aLog.exp().neg();
        aLog.close();
        NDArray d = weights.get(mixerPrefix + direction.d(), new Shape(inner), manager);
        return new DirectionWeights(conv, convBias, xProj, dtW, dtB, a, d);
    }
}
