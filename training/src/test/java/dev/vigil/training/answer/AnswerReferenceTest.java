package dev.vigil.training.answer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerReferenceTest {
    private static final SceneVisit RED_CAR = new SceneVisit("car", "red", List.of("enters_left", "leaves"), 10_000, 20_000);
    private static final SceneVisit RED_CAR_AGAIN = new SceneVisit("car", "red", List.of("enters_right", "leaves"), 40_000, 44_000);
    private static final SceneVisit BLUE_DOG = new SceneVisit("dog", "blue", List.of("crosses", "leaves"), 12_000, 30_000);
    private static final List<SceneVisit> VISITS = List.of(RED_CAR, BLUE_DOG, RED_CAR_AGAIN);

    private static List<String> answer(QuestionType type, String kind, String colour, AnswerReference.Span... given) {
        return AnswerReference.answer(type, kind, colour, List.of(given), VISITS);
    }

    private static String joined(List<String> tokens) {
        return String.join(" ", tokens);
    }

    @Test
    void citesTheLatestGivenEventThatHoldsTheSubject() {
        AnswerReference.Span first = new AnswerReference.Span(14_000, 18_000);
        AnswerReference.Span dogOnly = new AnswerReference.Span(24_000, 26_000);
        AnswerReference.Span second = new AnswerReference.Span(40_000, 42_000);
        assertThat(joined(answer(QuestionType.LEAVE, "car", "red", first, dogOnly, second)))
                .isEqualTo("the red car left <cam3> at <end3> .");
        assertThat(joined(answer(QuestionType.ARRIVE, "car", "red", first, dogOnly)))
                .isEqualTo("the red car arrived on <cam1> at <start1> .");
        assertThat(joined(answer(QuestionType.SEEN, "dog", "blue", first, dogOnly, second)))
                .isEqualTo("a blue dog was seen on <cam2> from <start2> to <end2> .");
        assertThat(joined(answer(QuestionType.COUNT, "car", "red", first, dogOnly, second)))
                .isEqualTo("a red car was seen two times , last on <cam3> at <start3> .");
        assertThat(joined(answer(QuestionType.COUNT, "car", "red", second)))
                .isEqualTo("a red car was seen one time , last on <cam1> at <start1> .");
    }

    @Test
    void directionAndColourComeFromTheVisitInTheCitedEvent() {
        assertThat(joined(answer(QuestionType.DIRECTION, "car", "red", new AnswerReference.Span(40_000, 42_000))))
                .isEqualTo("the red car came from the right on <cam1> at <start1> .");
        assertThat(joined(answer(QuestionType.COLOUR, "dog", null, new AnswerReference.Span(24_000, 26_000))))
                .isEqualTo("the dog was blue , on <cam1> from <start1> to <end1> .");
    }

    @Test
    void anythingNoGivenEventHoldsIsNotSeenWhateverWasInTheScene() {
        // the red car was in the scene, but the only given event is the dog's alone: the model cannot know of it
        AnswerReference.Span dogOnly = new AnswerReference.Span(24_000, 26_000);
        assertThat(joined(answer(QuestionType.LEAVE, "car", "red", dogOnly))).isEqualTo("the red car was not seen <window> .");
        assertThat(joined(answer(QuestionType.SEEN, "person", "green"))).isEqualTo("the green person was not seen <window> .");
        assertThat(joined(answer(QuestionType.COLOUR, "bicycle", null, dogOnly))).isEqualTo("no bicycle was seen <window> .");
        assertThat(AnswerEvaluation.notSeen(answer(QuestionType.COUNT, "car", "red", dogOnly))).isTrue();
        assertThat(AnswerEvaluation.notSeen(answer(QuestionType.COUNT, "dog", "blue", dogOnly))).isFalse();
    }
}
