package dev.vigil.training;


import java.io.PrintStream;
import java.util.Locale;

/**
 * Draws training progress: a bar redrawn in place on a terminal, or one line every {@code every} steps when the
 * output goes to a file (a log should not fill with carriage returns).
 */
final class TrainProgressBar implements TrainingProgress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final int every;
    private double smoothed = Double.NaN;
    private int firstStep = -1;

    TrainProgressBar(PrintStream out, boolean terminal, int every) {
        this.out = out;
        this.terminal = terminal;
        this.every = every;
    }

    @Override
    public void note(String line) {
        out.println(line);
    }

    @Override
    public void stepDone(int step, int total, double loss, double learningRate, double seconds) {
        if (firstStep < 0) {
            firstStep = step - 1;
        }
        smoothed = Double.isNaN(smoothed) ? loss : 0.95 * smoothed + 0.05 * loss;
        int filled = (int) Math.round(WIDTH * (double) step / total);
        double perStep = seconds / Math.max(1, step - firstStep);
        double left = perStep * (total - step);
        String line = String.format(Locale.ROOT, "[%s%s] %d/%d loss %.4f (avg %.4f) lr %.2e %.2f s/step ETA %dm%02ds",
                "#".repeat(filled), ".".repeat(WIDTH - filled), step, total, loss, smoothed, learningRate, perStep,
                (long) left / 60, (long) left % 60);
        if (terminal) {
            out.print("\r" + line);
            if (step == total) {
                out.println();
            }
            out.flush();
        } else if (step % every == 0 || step == total || step == firstStep + 1) {
            out.println(line);
            out.flush();
        }
    }
}
