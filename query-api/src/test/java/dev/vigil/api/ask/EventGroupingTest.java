package dev.vigil.api.ask;

import dev.vigil.api.memory.Moment;
import dev.vigil.tokens.Relevance;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventGroupingTest {
    /** p = 0.5 at cosine 0.5. */
    private final EventGrouping grouping = new EventGrouping(new Relevance(20, -10), 0.5);

    /** A 2 s clip starting at {@code second}, 40 ms after the previous one ended (a frame interval). */
    private static Moment clip(String camera, int index, double score) {
        long start = index * 2_040L;
        return new Moment(camera, index, start, start + 2_000, 0, 16, score, "m", true, 1);
    }

    @Test
    void contiguousMatchingClipsAreOneEventWithItsStartEndAndPeak() {
        List<Moment> moments = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            moments.add(clip("cam", i, i >= 3 && i <= 6 ? 0.6 + 0.01 * i : 0.1));
        }
        List<MatchEvent> events = grouping.group(moments);
        assertThat(events).hasSize(1);
        MatchEvent e = events.get(0);
        assertThat(e.start()).isEqualTo(3 * 2_040L);
        assertThat(e.end()).isEqualTo(6 * 2_040L + 2_000);
        assertThat(e.moments()).isEqualTo(4);
        assertThat(e.peak().clipIndex()).isEqualTo(6);
        assertThat(e.probability()).isEqualTo(new Relevance(20, -10).probability(0.66));
    }

    @Test
    void aNonMatchingClipOrAGapSplitsEvents() {
        List<Moment> moments = new ArrayList<>(List.of(clip("cam", 0, 0.9), clip("cam", 1, 0.2), clip("cam", 2, 0.9)));
        moments.add(clip("cam", 10, 0.9)); // clips 3..9 are missing: the camera was down, or they were not returned
        moments.add(clip("cam", 11, 0.9));
        assertThat(grouping.group(moments)).extracting(MatchEvent::moments).containsExactly(1, 1, 2);
    }

    @Test
    void camerasAreGroupedApartAndEventsComeInTimeOrder() {
        List<Moment> moments = List.of(clip("b", 1, 0.9), clip("a", 1, 0.9), clip("a", 2, 0.9), clip("b", 0, 0.9),
                clip("a", 5, 0.1));
        List<MatchEvent> events = grouping.group(moments);
        assertThat(events).extracting(MatchEvent::camera).containsExactly("b", "a");
        assertThat(events).extracting(MatchEvent::moments).containsExactly(2, 2);
    }

    @Test
    void nothingAboveTheThresholdIsNoEvent() {
        assertThat(grouping.group(List.of(clip("cam", 0, 0.49), clip("cam", 1, Double.NaN)))).isEmpty();
        assertThat(new EventGrouping(new Relevance(20, -10), 0.01).group(List.of(clip("cam", 0, 0.3)))).hasSize(1);
    }

    @Test
    void theThresholdIsAProbability() {
        assertThatThrownBy(() -> new EventGrouping(new Relevance(1, 0), 1)).hasMessageContaining("strictly between 0 and 1");
        assertThatThrownBy(() -> new EventGrouping(new Relevance(1, 0), Double.NaN)).hasMessageContaining("probability");
    }
}
