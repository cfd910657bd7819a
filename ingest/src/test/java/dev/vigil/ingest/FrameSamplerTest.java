package dev.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FrameSamplerTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    /** Offers {@code frames} frames at {@code num/den} fps and returns the kept times (ns since T0). */
    private static List<Long> sample(FrameSampler s, long frames, long num, long den, long offsetNanos) {
        List<Long> kept = new ArrayList<>();
        for (long i = 0; i < frames; i++) {
            long ns = offsetNanos + i * 1_000_000_000L * den / num;
            if (s.keep(T0.plusNanos(ns))) {
                kept.add(ns);
            }
        }
        return kept;
    }

    @Test
    void sixHoursAt25FpsKeepExactlyTwoPerSecondWithoutDrift() {
        long frames = 6L * 3600 * 25;
        List<Long> kept = sample(new FrameSampler(2), frames, 25, 1, 0);
        assertThat(kept).hasSize(6 * 3600 * 2);
        for (int k = 0; k < kept.size(); k++) {
            // Whole seconds fall on a frame, half seconds between two (0.48 / 0.52): the first at or after wins.
            assertThat(kept.get(k)).isEqualTo(k * 500_000_000L + (k % 2 == 0 ? 0 : 20_000_000L));
        }
    }

    @Test
    void sixHoursAtNtscRateStayWithinOneFrameOfTheGrid() {
        long frames = 6L * 3600 * 30000 / 1001;
        List<Long> kept = sample(new FrameSampler(2), frames, 30000, 1001, 0);
        long frameNanos = 1_000_000_000L * 1001 / 30000;
        assertThat(kept.size()).isBetween(6 * 3600 * 2 - 1, 6 * 3600 * 2);
        for (int k = 0; k < kept.size(); k++) {
            long lateBy = kept.get(k) - k * 500_000_000L;
            assertThat(lateBy).as("tick %d", k).isBetween(0L, frameNanos);
        }
    }

    @Test
    void aStreamCatchingUpAfterAGapIsNotSampledInABurst() {
        FrameSampler s = new FrameSampler(2);
        List<Long> kept = new ArrayList<>(sample(s, 250, 25, 1, 0)); // 10 s
        long gapEnd = 37_230_000_000L; // 27 s outage, resumes off-grid
        kept.addAll(sample(s, 250, 25, 1, gapEnd));
        // Before: 20 frames. After: one per grid tick from the first frame after the gap, none made up.
        long before = kept.stream().filter(t -> t < gapEnd).count();
        assertThat(before).isEqualTo(20);
        List<Long> after = kept.subList(20, kept.size());
        assertThat(after.get(0)).isEqualTo(gapEnd);
        for (int i = 1; i < after.size(); i++) {
            long tick = after.get(i) / 500_000_000L;
            assertThat(tick).isEqualTo(after.get(i - 1) / 500_000_000L + 1);
        }
        assertThat(after).hasSizeBetween(20, 21);
    }

    @Test
    void timeThatDoesNotAdvanceIsRejected() {
        FrameSampler s = new FrameSampler(2);
        assertThat(s.keep(T0)).isTrue();
        assertThat(s.keep(T0)).isFalse();
        assertThat(s.keep(T0.minus(Duration.ofSeconds(5)))).isFalse();
        assertThat(s.keep(T0.plusMillis(500))).isTrue();
    }
}
