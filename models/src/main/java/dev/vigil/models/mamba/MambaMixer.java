package dev.vigil.models.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;

/**
 * One Mamba-1 mixer ({@code MambaMixer} in HF) that can continue a sequence from carried state, which HF's
 * multi-token path cannot: the conv sees the carried d_conv − 1 pre-conv inputs in front of the chunk
 * instead of zeros, and the scan starts from the carried h.
 *
 * <p>Bidirectional mode (VideoMamba bimamba v2): a second scan with the {@code _b} parameters runs over the
 * time-reversed chunk from zero state; its gated output is flipped back and added to the forward one before
 * {@code out_proj}. Only the forward state is returned for carrying.
 *
 * <p>Public so that the temporal trainer differentiates through this very mixer (it uses no in-place operation and
 * no scalar constant, so DJL's autograd sees every weight); {@link MambaEncoder} wraps it with the norms and the
 * residual for inference.
 */
public final class MambaMixer {

    private final MambaConfig config;
    private final SelectiveScan scan;

    /** A mixer of this config that runs the recurrence with {@code scan}. */
    public MambaMixer(MambaConfig config, SelectiveScan scan) {
        this.config = config;
        this.scan = scan;
    }

    /**
     * @param u      normed block input [B, L, d_model], fp32
     * @param state  the batch's carried state for this block
     * @return the mixer output [B, L, d_model] and the state after the chunk
     */
    public MixerOutput forward(NDArray u, MambaLayerWeights w, LayerStates state) {
        int inner = config.intermediateSize();
        NDArray xz = linear(u, w.inProjWeight(), w.inProjBias());             // [B, L, 2·Di]
        NDArray x = xz.get(new NDIndex("..., :{}", inner));
        NDArray z = xz.get(new NDIndex("..., {}:", inner));
        DirectionOutput fwd = direction(x, z, state.convTail(), state.ssm(), w.forward());
        NDArray y = fwd.y();
        if (w.backward() != null) {
            NDArray zeroTail = state.convTail().zerosLike();
            NDArray zeroSsm = state.ssm().zerosLike();
            DirectionOutput bwd = direction(x.flip(1), z.flip(1), zeroTail, zeroSsm, w.backward());
            y = y.add(bwd.y().flip(1));
        }
        NDArray out = linear(y, w.outProjWeight(), w.outProjBias());
        return new MixerOutput(out, new LayerStates(fwd.ssm(), fwd.convTail()));
    }

    private DirectionOutput direction(NDArray x, NDArray z, NDArray tail, NDArray ssm, DirectionWeights w) {
        long length = x.getShape().get(1);
        int k = config.convKernel();
        int n = config.stateSize();
        int rank = config.timeStepRank();
        // Causal depthwise conv over [carried tail | chunk]: output t uses padded columns t..t+K-1, and the
        // last tap multiplies the current input, as in both references.
        NDArray padded = tail.concat(x.transpose(0, 2, 1), 2);                // [B, Di, K-1+L]
        NDArray conv = null;
        for (int tap = 0; tap < k; tap++) {
            NDArray window = padded.get(new NDIndex(":, :, {}:{}", tap, tap + length));
            NDArray term = window.mul(w.convWeight().get(new NDIndex(":, {}", tap)).expandDims(1));
            conv = conv == null ? term : conv.add(term);
        }
        if (w.convBias() != null) {
            conv = conv.add(w.convBias().expandDims(1));
        }
        NDArray newTail = padded.get(new NDIndex(":, :, {}:", length));      // last K-1 pre-conv columns
        NDArray xc = silu(conv).transpose(0, 2, 1);                          // [B, L, Di]
        NDArray xdbl = linear(xc, w.xProj(), null);                         // [B, L, R+2N]
        NDArray dtLow = xdbl.get(new NDIndex("..., :{}", rank));
        NDArray b = xdbl.get(new NDIndex("..., {}:{}", rank, rank + n));
        NDArray c = xdbl.get(new NDIndex("..., {}:", rank + n));
        NDArray delta = Activation.softPlus(linear(dtLow, w.dtProjWeight(), w.dtProjBias()));
        ScanResult scanned = scan.scan(new ScanInputs(xc, delta, w.a(), b, c, w.d(), ssm));
        NDArray gated = scanned.y().mul(silu(z));
        return new DirectionOutput(gated, scanned.last(), newTail);
    }

    private static NDArray linear(NDArray input, NDArray weight, NDArray bias) {
        NDList out = bias == null ? Linear.linear(input, weight) : Linear.linear(input, weight, bias);
        return out.singletonOrThrow();
    }

    private static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    /** The mixer's output and the forward state to carry. */
    public record MixerOutput(NDArray out, LayerStates state) {
    }

    private record DirectionOutput(NDArray y, NDArray ssm, NDArray convTail) {
    }
}
