package dev.vigil.ingest;

import java.time.Duration;
import java.time.Instant;

/**
 * Notices a camera that keeps sending the same picture (a hung encoder, a frozen network camera): the
 * coarse brightness sample of each frame is compared with the previous one, and when it has stayed the
 * same, within a small tolerance, for longer than {@code freezeAfter} of event time, the picture counts
 * as frozen until it changes again. The tolerance is tight on purpose: a still but live scene still has
 * sensor noise; a frozen one repeats the decoded pixels.
 */
public final class FreezeDetector {

    /** Grid of samples per frame: enough to see any real change, cheap on every frame. */
    public static final int COLS = 32;
    public static final int ROWS = 18;

    private final Duration freezeAfter;
    private final double tolerance;
    private final byte[] previous = new byte[COLS * ROWS];
    private final byte[] current = new byte[COLS * ROWS];
    private boolean hasPrevious;
    private Instant stillSince;

    /**
     * @param freezeAfter how long the picture must stay unchanged to count as frozen
     * @param tolerance   mean absolute difference (0..255) below which two samples count as the same
     */
    public FreezeDetector(Duration freezeAfter, double tolerance) {
        this.freezeAfter = freezeAfter;
        this.tolerance = tolerance;
    }

    /** Looks at one frame; returns whether the picture is frozen now. */
    public boolean observe(FramePicture picture, Instant eventTime) {
        picture.sampleBrightness(current, COLS);
        boolean same = hasPrevious && meanAbsDiff() <= tolerance;
        System.arraycopy(current, 0, previous, 0, current.length);
        hasPrevious = true;
        if (!same) {
            stillSince = eventTime;
            return false;
        }
        return Duration.between(stillSince, eventTime).compareTo(freezeAfter) >= 0;
    }

    /** Forgets history, for a new connection (a new picture may legitimately equal the old one). */
    public void reset() {
        hasPrevious = false;
        stillSince = null;
    }

    private double meanAbsDiff() {
        long sum = 0;
        for (int i = 0; i < current.length; i++) {
            sum += Math.abs((current[i] & 0xff) - (previous[i] & 0xff));
        }
        return (double) sum / current.length;
    }
}
