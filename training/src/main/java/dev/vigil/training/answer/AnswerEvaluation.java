package dev.vigil.training.answer;

import dev.vigil.models.answer.AnswerModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Held-out exact match of an answer model: its greedy answer, token for token, against {@link AnswerReference}'s,
 * per question type, and for questions whose reference is "not seen".
 */
public final class AnswerEvaluation {

    private AnswerEvaluation() {
    }

    /**
     * One group of questions.
     *
     * @param questions how many
     * @param exact     share answered exactly as the reference
     */
    public record Score(int questions, double exact) {
    }

    /**
     * Scores by group: {@code all}, each {@link QuestionType#label()} over the questions whose reference cites an
     * event, and {@code not-seen} over those whose reference is that it was not seen.
     */
    public static Map<String, Score> score(AnswerModel model, List<AnswerExamples.Labelled> questions) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (AnswerExamples.Labelled q : questions) {
            boolean right = model.answer(q.question(), q.evidence()).equals(q.target());
            String group = notSeen(q.target()) ? "not-seen" : q.asked().type().label();
            for (String g : List.of("all", group)) {
                int[] c = counts.computeIfAbsent(g, x -> new int[2]);
                c[0]++;
                c[1] += right ? 1 : 0;
            }
        }
        Map<String, Score> out = new LinkedHashMap<>();
        counts.forEach((g, c) -> out.put(g, new Score(c[0], Math.round(10_000.0 * c[1] / c[0]) / 10_000.0)));
        return out;
    }

    /** Whether a reference answer is "not seen" (it cites no event). */
    public static boolean notSeen(List<String> target) {
        return target.contains("<window>");
    }
}
