package dev.vigil.bench.driver;

/**
 * What the capacity search found.
 *
 * @param cameras        the largest camera count that kept p99 under the bound with no growing backlog (0 if none)
 * @param firstFailing   the smallest count that failed, or null if none did within the search's limits
 * @param p99BoundMillis the bound
 * @param trials         trials run
 * @param stoppedBecause why the search ended: converged, the trial or time limit, or the camera cap
 */
public record CapacityResult(int cameras, Integer firstFailing, long p99BoundMillis, int trials, String stoppedBecause) {
}
