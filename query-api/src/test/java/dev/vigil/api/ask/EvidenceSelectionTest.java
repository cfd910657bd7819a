package dev.vigil.api.ask;

import dev.vigil.api.TimeWindow;
import dev.vigil.api.memory.Moment;
import dev.vigil.tokens.Relevance;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvidenceSelectionTest {
    /** 100 moments of 64 tokens over 200 s; similarity peaks at moments 70..72. */
    private static List<Moment> hour() {
        List<Moment> m = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            double score = i >= 70 && i <= 72 ? 0.9 - 0.01 * (i - 70) : 0.1 + 0.001 * i;
            m.add(new Moment("cam", i, i * 2_000L, i * 2_000L + 2_000, 0, 64, score, "m", true, 1));
        }
        return m;
    }

    @Test
    void staysWithinTheBudgetInTimeOrderAndKeepsTheBestMatch() {
        EvidenceSelection.Result r = EvidenceSelection.balanced().select(hour(), 640);
        assertThat(r.selected()).isLessThanOrEqualTo(640).isEqualTo(r.chosen().size() * 64);
        assertThat(r.available()).isEqualTo(6_400);
        assertThat(r.chosen()).extracting(Moment::start).isSorted();
        assertThat(r.chosen()).extracting(Moment::clipIndex).contains(70L, 71L, 72L);
    }

    @Test
    void halfTheBudgetCoversTheWindowUniformly() {
        EvidenceSelection.Result r = EvidenceSelection.balanced().select(hour(), 640);
        // 5 uniform slots at 10, 30, 50, 70, 90 (the 70 is also the best match) plus the best-scored rest
        assertThat(r.chosen()).extracting(Moment::clipIndex).contains(10L, 30L, 50L, 90L);
        EvidenceSelection.Result textOnly = new EvidenceSelection(0).select(hour(), 640);
        assertThat(textOnly.chosen()).extracting(Moment::clipIndex).doesNotContain(10L, 30L);
    }

    @Test
    void everythingFitsOrNothingDoes() {
        assertThat(EvidenceSelection.balanced().select(hour(), 100_000).chosen()).hasSize(100);
        assertThat(EvidenceSelection.balanced().select(hour(), 63).chosen()).isEmpty();
        assertThat(EvidenceSelection.balanced().select(List.of(), 640).chosen()).isEmpty();
    }

    @Test
    void theEvidenceOnlyAnswerSaysNoLlmAndOnlyRestatesTheEvents() {
        List<Moment> h = hour();
        Relevance relevance = new Relevance(20, -10); // p = 0.5 at cosine 0.5: moments 70..72 match
        List<MatchEvent> events = new EventGrouping(relevance, 0.5).group(h);
        TimeWindow window = new TimeWindow(1_000, 200_000);
        String text = EvidenceOnlyAnswer.of("a car?", events, h.get(70), window, 0.5, relevance);
        assertThat(text).startsWith(EvidenceOnlyAnswer.NO_LLM)
                .contains("\"a car?\": seen once between 1970-01-01T00:00:01Z and 1970-01-01T00:03:20Z")
                .contains("camera cam, 1970-01-01T00:02:20Z to 1970-01-01T00:02:26Z (relevance 1.00, 3 moments)");
    }

    @Test
    void theEvidenceOnlyAnswerSaysNotSeenWhenNothingReachesTheThreshold() {
        List<Moment> h = hour().subList(0, 50);
        Relevance relevance = new Relevance(20, -10);
        TimeWindow window = new TimeWindow(1_000, 100_000);
        String text = EvidenceOnlyAnswer.of("a car?", new EventGrouping(relevance, 0.5).group(h), h.get(49), window,
                0.5, relevance);
        assertThat(text).contains("\"a car?\": not seen between 1970-01-01T00:00:01Z and 1970-01-01T00:01:40Z")
                .contains("no stored moment reaches relevance 0.50").contains("similarity 0.15").doesNotContain("seen once")
                .doesNotContain("00:01:38"); // no time outside an event
        assertThat(EvidenceOnlyAnswer.of("a car?", List.of(), null, TimeWindow.ALL, 0.5, relevance))
                .contains("No LLM is configured").contains("not seen in all stored memory")
                .contains("no stored moment was found");
    }
}
