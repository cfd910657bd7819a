package dev.vigil.bench.qa;

import dev.vigil.api.TimeWindow;
import dev.vigil.api.ask.MatchEvent;
import dev.vigil.api.memory.Moment;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class QaScoringTest {
    private static MatchEvent event(long start, long end) {
        return new MatchEvent("cam", start, end, 0.9, new Moment("cam", 0, start, end, 0, 16, 0.5, "m", false, 1), 1);
    }

    @Test
    void anAnswerMayCiteTheWindowAndTimesInsideItsEventsOnly() {
        TimeWindow window = new TimeWindow(1_000_000, 1_060_000);
        List<MatchEvent> events = List.of(event(1_010_000, 1_014_000));
        String inside = "seen once between " + Instant.ofEpochMilli(1_000_000) + " and " + Instant.ofEpochMilli(1_060_000)
                + ": camera cam, " + Instant.ofEpochMilli(1_010_000) + " to " + Instant.ofEpochMilli(1_014_000);
        assertThat(QaBench.citesOnlyEvents(inside, events, window)).isTrue();
        assertThat(QaBench.citesOnlyEvents(inside + ", and at " + Instant.ofEpochMilli(1_020_000), events, window)).isFalse();
        assertThat(QaBench.citesOnlyEvents("not seen (the closest has relevance 0.12)", List.of(), window)).isTrue();
    }

    @Test
    void iouOfAnEventWithAVisit() {
        assertThat(QaBench.iou(0, 10, new long[] {0, 10})).isEqualTo(1);
        assertThat(QaBench.iou(0, 10, new long[] {5, 15})).isCloseTo(5 / 15.0, within(1e-12));
        assertThat(QaBench.iou(0, 10, new long[] {20, 30})).isZero();
    }

    @Test
    void theSummaryCountsObjectAndAbsentQuestionsApart() {
        QaQuestion hit = new QaQuestion("object", "red car", "find the red car", List.of(), List.of(), "…", true, true,
                true, true, 0.5, false, true, 10, false);
        QaQuestion miss = new QaQuestion("object", "blue dog", "find the blue dog", List.of(), List.of(), "…", false, true,
                false, false, 0.0, true, true, 30, false);
        QaQuestion absent = new QaQuestion("absent", "white bicycle", "find the white bicycle", List.of(), List.of(), "…",
                false, false, false, false, 0, true, false, 20, false);
        QaQuestion leftRight = new QaQuestion("leave", "red car", "when did the red car leave?", List.of(), List.of(),
                "…", false, false, true, true, 0, false, true, 10, true);
        QaQuestion leftWrong = new QaQuestion("leave", "blue car", "when did the blue car leave?", List.of(), List.of(),
                "…", false, false, false, false, 0, false, true, 10, false);
        QaQuestion side = new QaQuestion("direction", "red car", "left or right?", List.of(), List.of(), "…", false,
                false, false, false, 0, false, true, 10, true);
        QaResults.Summary s = QaReport.summarise(List.of(hit, miss, absent, leftRight, leftWrong, side));
        assertThat(s.leaveQuestions()).isEqualTo(2);
        assertThat(s.leaveTop1()).isEqualTo(0.5);
        assertThat(s.arriveQuestions()).isZero();
        assertThat(s.directionQuestions()).isEqualTo(1);
        assertThat(s.directionAccuracy()).isEqualTo(1.0);
        assertThat(s.objectQuestions()).isEqualTo(2);
        assertThat(s.eventTop1()).isEqualTo(0.5);
        assertThat(s.eventTop5()).isEqualTo(1.0);
        assertThat(s.meanIou()).isEqualTo(0.25);
        assertThat(s.absentQuestions()).isEqualTo(1);
        assertThat(s.absentNotSeen()).isEqualTo(1.0);
        assertThat(s.citesOnlyEvents()).isEqualTo(0.833);
        assertThat(s.latencyP50Ms()).isEqualTo(10);
        assertThat(s.latencyP95Ms()).isEqualTo(30);
    }

    @Test
    void reliabilityBinsMomentsByRelevanceAndCountsTheOnesThatShowedTheSubject() {
        Reliability r = new Reliability();
        r.add(0.05, false);
        r.add(0.95, true);
        r.add(0.95, false);
        r.add(1.0, true); // the top bin holds 1
        Reliability other = new Reliability();
        other.add(0.55, true);
        r.addAll(other);
        List<Reliability.Bin> bins = r.bins();
        assertThat(bins).hasSize(10);
        assertThat(bins.get(0).moments()).isEqualTo(1);
        assertThat(bins.get(0).observed()).isZero();
        assertThat(bins.get(5).matching()).isEqualTo(1);
        assertThat(bins.get(9).moments()).isEqualTo(3);
        assertThat(bins.get(9).observed()).isEqualTo(0.667);
    }
}
