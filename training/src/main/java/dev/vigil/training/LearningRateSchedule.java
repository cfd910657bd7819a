package dev.vigil.training;

/**
 * Linear warm-up to {@code peak}, then cosine decay to {@code floor · peak} at {@code total} steps.
 *
 * @param peak   the highest rate
 * @param warmup warm-up steps
 * @param total  all steps
 * @param floor  final rate as a fraction of the peak
 */
public record LearningRateSchedule(double peak, int warmup, int total, double floor) {

    /** The rate of 0-based step {@code step}. */
    public float at(long step) {
        if (step < warmup) {
            return (float) (peak * (step + 1) / warmup);
        }
        double progress = Math.min(1.0, (double) (step - warmup) / Math.max(1, total - warmup));
        double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
        return (float) (peak * (floor + (1 - floor) * cosine));
    }
}
