package dev.vigil.bench.qa;

import java.util.ArrayList;
import java.util.List;

/**
 * A reliability table of the bundle's relevance: moments binned by their probability (ten bins of 0.1), with how
 * many of them really showed what the question asked about. A calibrated relevance has each bin's observed rate
 * near its probabilities; this is what tells whether "0.5" means what it says. Mutable, filled by one bench run.
 */
public final class Reliability {
    private static final int BINS = 10;
    private final long[] moments = new long[BINS];
    private final long[] matching = new long[BINS];

    /** One scored moment: its relevance, and whether the subject was on screen during it. */
    public void add(double probability, boolean showsSubject) {
        int bin = Math.min(BINS - 1, (int) Math.floor(probability * BINS));
        moments[bin]++;
        if (showsSubject) {
            matching[bin]++;
        }
    }

    /** Adds another table's counts. */
    public void addAll(Reliability other) {
        for (int b = 0; b < BINS; b++) {
            moments[b] += other.moments[b];
            matching[b] += other.matching[b];
        }
    }

    /** The bins, lowest first. */
    public List<Bin> bins() {
        List<Bin> out = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            out.add(new Bin(b / (double) BINS, (b + 1) / (double) BINS, moments[b], matching[b],
                    moments[b] == 0 ? 0 : Math.round(1000.0 * matching[b] / moments[b]) / 1000.0));
        }
        return out;
    }

    /**
     * @param from     lowest probability in the bin
     * @param to       highest (exclusive, but 1 in the last)
     * @param moments  moments scored in it
     * @param matching of those, moments that showed the subject
     * @param observed matching / moments
     */
    public record Bin(double from, double to, long moments, long matching, double observed) {
    }
}
