package dev.vigil.bench.driver;

import java.time.Duration;

/**
 * Finds the largest camera count a trial passes at: doubling from a start until a trial fails, then bisecting
 * between the last pass and the first failure, within a number of trials and a time budget. Assumes passing is
 * monotone in the camera count, which holds up to noise; on a shared machine a borderline count may flip.
 */
final class CapacitySearch {

    /** One trial at a camera count: true if it stayed within the bound. */
    interface Trial {
        boolean passes(int cameras) throws InterruptedException;
    }

    private final int maxTrials;
    private final int maxCameras;
    private final Duration budget;

    CapacitySearch(int maxTrials, int maxCameras, Duration budget) {
        this.maxTrials = maxTrials;
        this.maxCameras = maxCameras;
        this.budget = budget;
    }

    CapacityResult search(int start, long boundMillis, Trial trial) throws InterruptedException {
        long deadline = System.nanoTime() + budget.toNanos();
        int good = 0;
        int bad = Integer.MAX_VALUE;
        int n = Math.max(1, Math.min(start, maxCameras));
        int trials = 0;
        String why;
        while (true) {
            if (trials >= maxTrials) {
                why = "trial limit (" + maxTrials + ")";
                break;
            }
            if (System.nanoTime() > deadline) {
                why = "time budget (" + budget + ")";
                break;
            }
            boolean passed = trial.passes(n);
            trials++;
            if (passed) {
                good = Math.max(good, n);
            } else {
                bad = Math.min(bad, n);
            }
            if (bad == Integer.MAX_VALUE) {
                if (n >= maxCameras) {
                    why = "camera cap (" + maxCameras + ") reached without a failure";
                    break;
                }
                n = Math.min(maxCameras, n * 2);
            } else {
                if (bad - good <= 1) {
                    why = "converged";
                    break;
                }
                n = good == 0 ? Math.max(1, bad / 2) : good + (bad - good) / 2;
                if (n <= good || n >= bad) {
                    why = "converged";
                    break;
                }
            }
        }
        return new CapacityResult(good, bad == Integer.MAX_VALUE ? null : bad, boundMillis, trials, why);
    }
}
