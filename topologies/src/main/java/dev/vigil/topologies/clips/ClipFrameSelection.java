package dev.vigil.topologies.clips;

import java.util.ArrayList;
import java.util.List;

/** Which frames of a clip window make the clip when a camera sent more than K (it runs faster than configured). */
final class ClipFrameSelection {
    private ClipFrameSelection() {
    }

    /**
     * Keeps at most {@code k} frames spread evenly over the time-ordered {@code frames}: the midpoints of k
     * equal runs, so the clip still spans its window. Fewer than k frames are kept as they are.
     */
    static <T> List<T> evenlySpaced(List<T> frames, int k) {
        if (frames.size() <= k) {
            return frames;
        }
        List<T> chosen = new ArrayList<>(k);
        int n = frames.size();
        for (int i = 0; i < k; i++) {
            chosen.add(frames.get((int) (((2L * i + 1) * n) / (2L * k))));
        }
        return chosen;
    }
}
