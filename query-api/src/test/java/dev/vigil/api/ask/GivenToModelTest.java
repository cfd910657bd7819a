package dev.vigil.api.ask;

import dev.vigil.api.memory.Moment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which events a model that reads tokens is given: the spec's rule, which its trainer follows too. */
class GivenToModelTest {

    private static MatchEvent event(String camera, long start, double probability) {
        Moment peak = new Moment(camera, start / 2_000, start, start + 2_000, 0, 64, 0.3, "m", true, 1);
        return new MatchEvent(camera, start, start + 2_000, probability, peak, 1);
    }

    @Test
    void theMostProbableEventsAreGivenBackInTimeOrder() {
        List<MatchEvent> events = List.of(event("a", 0, 0.6), event("b", 2_000, 0.9), event("a", 4_000, 0.55),
                event("a", 6_000, 0.8), event("b", 8_000, 0.7), event("a", 10_000, 0.95));
        assertThat(QuestionAnswering.givenToModel(events, 4)).extracting(MatchEvent::start)
                .containsExactly(2_000L, 6_000L, 8_000L, 10_000L);
    }

    @Test
    void onATieTheLaterEventIsGiven() {
        List<MatchEvent> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(event("a", i * 2_000L, 0.75));
        }
        assertThat(QuestionAnswering.givenToModel(events, 4)).extracting(MatchEvent::start)
                .containsExactly(4_000L, 6_000L, 8_000L, 10_000L);
    }

    @Test
    void fewerEventsThanTheLimitAreAllGivenAndNoneIsNone() {
        List<MatchEvent> events = List.of(event("b", 0, 0.6), event("a", 2_000, 0.9));
        assertThat(QuestionAnswering.givenToModel(events, 4)).isEqualTo(events);
        assertThat(QuestionAnswering.givenToModel(List.of(), 4)).isEmpty();
    }
}
