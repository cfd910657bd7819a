package dev.vigil.training;

/** Told about every finished step, e.g. to draw a progress bar. */
@FunctionalInterface
public interface TrainingProgress {

    /**
     * @param step         steps done so far (1-based)
     * @param total        steps of the run
     * @param loss         this step's loss
     * @param learningRate this step's rate
     * @param seconds      wall time since this process started training (resumed runs start again at 0)
     */
    void stepDone(int step, int total, double loss, double learningRate, double seconds);

    /** A one-off line about preparation (e.g. caption encoding); ignored unless overridden. */
    default void note(String line) {
    }

    /** Ignores everything. */
    TrainingProgress NONE = (step, total, loss, learningRate, seconds) -> { };
}
