package dev.vigil.bench.qa;

import dev.vigil.api.TimeWindow;
import dev.vigil.api.ask.MatchEvent;
import dev.vigil.api.memory.Moment;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
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
                true, true, 0.5, false, true, 10, false, "", false, 0, "");
        QaQuestion miss = new QaQuestion("object", "blue dog", "find the blue dog", List.of(), List.of(), "…", false, true,
                false, false, 0.0, true, true, 30, false, "", false, 0, "");
        QaQuestion absent = new QaQuestion("absent", "white bicycle", "find the white bicycle", List.of(), List.of(), "…",
                false, false, false, false, 0, true, false, 20, false, "", false, 0, "");
        QaQuestion leftRight = new QaQuestion("leave", "red car", "when did the red car leave?", List.of(), List.of(),
                "…", false, false, true, true, 0, false, true, 10, true, "", false, 0, "");
        QaQuestion leftWrong = new QaQuestion("leave", "blue car", "when did the blue car leave?", List.of(), List.of(),
                "…", false, false, false, false, 0, false, true, 10, false, "", false, 0, "");
        QaQuestion side = new QaQuestion("direction", "red car", "left or right?", List.of(), List.of(), "…", false,
                false, false, false, 0, false, true, 10, true, "", false, 0, "");
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
        assertThat(s.answers().questions()).as("no reference answers: no answer model").isZero();
    }

    @Test
    void theAnswerModelIsScoredOnTheQuestionsWithAReferenceByExactMatchPerType() {
        QaQuestion right = answered("object", "A red car was seen on c from t1 to t2.", "A red car was seen on c from t1 to t2.", 4);
        QaQuestion wrong = answered("count", "A dog was seen two times, last on c at t1.", "A dog was seen one time, last on c at t1.", 8);
        QaQuestion absentRight = answered("absent", "The red dog was not seen in all stored memory.",
                "The red dog was not seen in all stored memory.", 2);
        QaQuestion absentFallback = answered("absent", "Nothing matching was seen in all stored memory.",
                "The blue car was not seen in all stored memory.", 6);
        QaQuestion absentClaim = answered("absent", "A blue car was seen on c from t1 to t2.",
                "The blue car was not seen in all stored memory.", 6);
        QaResults.Answers a = QaReport.summarise(List.of(right, wrong, absentRight, absentFallback, absentClaim)).answers();
        assertThat(a.questions()).isEqualTo(5);
        assertThat(a.exactMatch()).isEqualTo(0.4);
        assertThat(a.exactByType()).containsExactly(entry("object", 1.0), entry("absent", 0.333), entry("count", 0.0));
        assertThat(a.absentNotSeen()).as("the fallback says not seen too; a claimed sighting does not").isEqualTo(0.667);
        assertThat(a.latencyP50Ms()).isEqualTo(6);
        assertThat(a.latencyP95Ms()).isEqualTo(8);
        assertThat(answered("colour", "No dog was seen in all stored memory.", "", 1).answeredNotSeen()).isTrue();
    }

    private static QaQuestion answered(String type, String answer, String reference, double answerMillis) {
        return new QaQuestion(type, "s", "q", List.of(), List.of(), answer, false, false, false, false, 0, false, true,
                1, false, reference, answer.equals(reference), answerMillis, "");
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
