package dev.vigil.models.mamba;

import ai.djl.Device;
import dev.vigil.models.runtime.VectorApi;

/**
 * The Mamba-1 recurrence h_t = exp(Δ_t·A) ⊙ h_{t−1} + (Δ_t·B_t)·x̂_t, y_t = C_t·h_t + D ⊙ x̂_t, in fp32,
 * for every stream of a batch from its own initial state.
 *
 * <p>An interface because the fastest way to run this sequential loop depends on the device and the
 * dimensions: see {@link TensorSelectiveScan}, {@link VectorSelectiveScan} and {@link ArraySelectiveScan},
 * which must agree to fp32 rounding.
 */
public interface SelectiveScan {

    /** Runs the scan; results are new arrays, inputs are not modified. */
    ScanResult scan(ScanInputs inputs);

    /**
     * The implementation to use on {@code device}: tensor ops on accelerators (no host round trip); on CPU,
     * the fused SIMD loops of {@link VectorSelectiveScan} when the JVM has the Vector API ({@link VectorApi}), else plain
     * loops for small per-step work and tensor ops above the measured crossover (see
     * {@link CrossoverSelectiveScan}).
     */
    static SelectiveScan forDevice(Device device) {
        if (device.isGpu()) {
            return new TensorSelectiveScan();
        }
        if (VectorApi.available()) {
            return new VectorSelectiveScan();
        }
        return new CrossoverSelectiveScan(CrossoverSelectiveScan.CPU_CROSSOVER, new ArraySelectiveScan(),
                new TensorSelectiveScan());
    }
}
