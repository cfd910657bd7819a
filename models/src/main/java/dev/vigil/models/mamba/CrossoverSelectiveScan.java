package dev.vigil.models.mamba;

/**
 * Picks a scan implementation per call from the work in one time step (B · d_inner · d_state).
 *
 * <p>Measured on CPU (JMH {@code dev.vigil.bench.SelectiveScanBenchmark} in {@code bench/}, 2 shared cores,
 * L = 256):
 * <pre>
 *   B·Di·N     loops      tensors
 *   64         0.5 ms     3.5 ms    (B=1, Di=16,   N=4, L=64)
 *   4 096      9.5 ms    10.9 ms    (B=4, Di=64,   N=16)
 *   8 192     22.4 ms    20.5 ms    (B=1, Di=512,  N=16)
 *   32 768    88.2 ms    34.9 ms    (B=4, Di=512,  N=16)
 *   36 864    92.4 ms    38.7 ms    (B=1, Di=2304, N=16)
 * </pre>
 * Loops win while the per-op overhead of tensor calls dominates; past a few thousand elements per step the
 * tensor path wins because its exp is vectorised (the loop spends most of its time in {@code Math.exp}).
 */
public final class CrossoverSelectiveScan implements SelectiveScan {

    /** Per-step element count at and below which plain loops were faster on CPU. */
    public static final long CPU_CROSSOVER = 4096;

    private final long crossover;
    private final SelectiveScan small;
    private final SelectiveScan large;

    /**
     * @param crossover per-step elements at and below which {@code small} is used
     */
    public CrossoverSelectiveScan(long crossover, SelectiveScan small, SelectiveScan large) {
        this.crossover = crossover;
        this.small = small;
        this.large = large;
    }

    @Override
    public ScanResult scan(ScanInputs in) {
        long perStep = in.initial().getShape().size();
        return perStep <= crossover ? small.scan(in) : large.scan(in);
    }
}
