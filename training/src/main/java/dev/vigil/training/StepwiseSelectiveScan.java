package dev.vigil.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.vigil.models.mamba.ScanInputs;
import dev.vigil.models.mamba.ScanResult;
import dev.vigil.models.mamba.SelectiveScan;

/**
 * The selective scan written for autograd: the inputs are split into time steps once, and each step discretises and
 * updates only its own {@code [B, d_inner, d_state]} slice.
 *
 * <p>Why not {@code TensorSelectiveScan}: it discretises a whole block at once and then indexes one step at a time
 * out of the {@code [B, L, d_inner, d_state]} tensors, which is right for inference, but the backward pass of each
 * index is a full-size zero tensor with one slice filled: L of them per block made a training step take minutes.
 * A split's backward is one concatenation. Same arithmetic as the inference scans ({@code TrainableMambaTest}).
 */
final class StepwiseSelectiveScan implements SelectiveScan {

    @Override
    public ScanResult scan(ScanInputs in) {
        long length = in.x().getShape().get(1);
        NDArray h = in.initial();
        if (length == 0) {
            return new ScanResult(in.x().mul(in.d()), h.duplicate());
        }
        NDList dt = in.delta().split(length, 1);
        NDList x = in.x().split(length, 1);
        NDList b = in.b().split(length, 1);
        NDList c = in.c().split(length, 1);
        NDList ys = new NDList();
        for (int t = 0; t < length; t++) {
            NDArray dtT = dt.get(t).squeeze(1);                                   // [B, Di]
            NDArray decay = dtT.expandDims(2).mul(in.a()).exp();                  // [B, Di, N]
            NDArray drive = dtT.mul(x.get(t).squeeze(1)).expandDims(2).mul(b.get(t));  // [B, Di, 1]·[B, 1, N]
            h = decay.mul(h).add(drive);
            ys.add(h.matMul(c.get(t).transpose(0, 2, 1)).squeeze(2));            // [B, Di]
        }
        NDArray y = NDArrays.stack(ys, 1).add(in.x().mul(in.d()));
        return new ScanResult(y, h);
    }
}
