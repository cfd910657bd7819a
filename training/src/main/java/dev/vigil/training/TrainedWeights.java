package dev.vigil.training;

import dev.vigil.models.weights.FloatTensor;

import java.util.List;
import java.util.Map;

/**
 * The result of a training run.
 *
 * @param tensors   every trained tensor by name (vision tower and head, {@code text_projection.weight},
 *                  {@code logit_scale}, {@code logit_bias}), fp32
 * @param steps     steps done in total (including those of a resumed checkpoint)
 * @param losses    loss of every step
 * @param seconds   wall time of this process's part of the run
 */
public record TrainedWeights(Map<String, FloatTensor> tensors, int steps, List<Double> losses, double seconds) {

    public TrainedWeights {
        tensors = Map.copyOf(tensors);
        losses = List.copyOf(losses);
    }

    /** Mean loss over the first {@code n} steps (or all, if fewer). */
    public double meanLossOfFirst(int n) {
        return losses.subList(0, Math.min(n, losses.size())).stream().mapToDouble(Double::doubleValue).average()
                .orElse(Double.NaN);
    }

    /** Mean loss over the last {@code n} steps (or all, if fewer). */
    public double meanLossOfLast(int n) {
        return losses.subList(Math.max(0, losses.size() - n), losses.size()).stream().mapToDouble(Double::doubleValue)
                .average().orElse(Double.NaN);
    }
}
