package dev.vigil.models.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;

/**
 * The selective scan with tensor ops, vectorised over batch × d_inner × d_state, sequential over time.
 *
 * <p>Like HF {@code MambaMixer.slow_forward}: the discretised exp(Δ·A) and Δ·B·x̂ are computed for a block
 * of time steps at once (one vectorised exp over the block), then the recurrence runs one step per time
 * step, and the read-out C·h is one batched matmul per block. Time is cut into blocks of at most
 * {@code blockElements / (B·d_inner·d_state)} steps so the [B, steps, d_inner, d_state] temporaries stay
 * bounded whatever the sequence length. Works on any device; on a GPU it keeps everything there.
 */
public final class TensorSelectiveScan implements SelectiveScan {

    private final long blockElements;

    /**
     * @param blockElements upper bound on the elements of one [B, steps, d_inner, d_state] temporary;
     *                      4 Mi floats (16 MiB) is a good default on CPU
     */
    public TensorSelectiveScan(long blockElements) {
        if (blockElements <= 0) {
            throw new IllegalArgumentException("blockElements must be > 0");
        }
        this.blockElements = blockElements;
    }

    /** A scan with 16 MiB temporaries. */
    public TensorSelectiveScan() {
        this(4L << 20);
    }

    @Override
    public ScanResult scan(ScanInputs in) {
        long[] dims = in.x().getShape().getShape();
        long batch = dims[0];
        long length = dims[1];
        long inner = dims[2];
        long n = in.a().getShape().get(1);
        long steps = Math.max(1, blockElements / (batch * inner * n));
        NDArray h = in.initial();
        NDList blocks = new NDList();
        for (long t0 = 0; t0 < length; t0 += steps) {
            long t1 = Math.min(length, t0 + steps);
            // A nested scope frees the block's [B, steps, d_inner, d_state] temporaries before the next block.
            NDArray y;
            try (NDScope scope = new NDScope()) {
                NDIndex span = new NDIndex(":, {}:{}", t0, t1);
                NDArray dt = in.delta().get(span);                                  // [B, q, Di]
                NDArray decay = dt.expandDims(3).mul(in.a()).exp();                 // [B, q, Di, N]
                NDArray drive = dt.mul(in.x().get(span)).expandDims(3)
                        .mul(in.b().get(span).expandDims(2));                      // [B, q, Di, N]
                NDList states = new NDList();
                for (long s = 0; s < t1 - t0; s++) {
                    NDIndex step = new NDIndex(":, {}", s);
                    h = decay.get(step).mul(h).add(drive.get(step));
                    states.add(h);
                }
                NDArray hs = NDArrays.stack(states, 1);                             // [B, q, Di, N]
                y = hs.matMul(in.c().get(span).expandDims(3)).squeeze(3);           // [B, q, Di]
                NDScope.unregister(y, h);
            }
            NDScope.register(y);
            NDScope.register(h);
            blocks.add(y);
        }
        NDArray scanned = blocks.size() == 1 ? blocks.get(0) : NDArrays.concat(blocks, 1);
        NDArray y = scanned.add(in.x().mul(in.d()));
        if (h == in.initial()) {
            h = h.duplicate(); // an empty sequence: still return a new array, as the contract says
        }
        return new ScanResult(y, h);
    }
}
