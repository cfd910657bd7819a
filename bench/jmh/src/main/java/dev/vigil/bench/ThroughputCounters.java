package dev.vigil.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Secondary JMH results: frames and tokens processed, reported by JMH as frames/s and tokens/s next to the
 * primary ops/s (one op = one batch).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ThroughputCounters {

    /** Frames processed in this iteration (JMH reads public fields). */
    public long frames;
    /** Tokens processed in this iteration. */
    public long tokens;

    /** Counts one batch. */
    public void add(long batchFrames, long batchTokens) {
        frames += batchFrames;
        tokens += batchTokens;
    }

    /** JMH divides each iteration's counts by its time, so they start from zero every iteration. */
    @Setup(Level.Iteration)
    public void reset() {
        frames = 0;
        tokens = 0;
    }
}
