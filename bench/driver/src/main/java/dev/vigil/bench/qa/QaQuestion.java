package dev.vigil.bench.qa;

import java.util.List;

/**
 * One question of {@code vigil bench qa} and how it was answered.
 *
 * @param type          {@code object} (the thing appeared), {@code absent} (it never did), {@code leave} / {@code arrive}
 *                      (when did it leave / arrive: the answer is an instant), {@code direction} (from which side
 *                      did it come in), and with the answer model {@code count} (how many times) and {@code colour}
 *                      (what colour was the kind asked about)
 * @param subject       what is asked about, {@code red car}
 * @param question      the question as asked, in plain words
 * @param truth         when the subject was on screen (ISO-8601 {@code start/end} spans; empty for absent)
 * @param events        the answer's events, best first (at most five): {@code start/end p}
 * @param answer        the answer text
 * @param eventTop1     object: the most relevant event overlaps the subject's time on screen
 * @param eventTop5     object: one of the five most relevant events does
 * @param momentTop1    object: the best-scored moment does, threshold or not (ranking alone, as NIAH scores it)
 * @param momentTop5    object: one of the five best-scored moments does
 * @param iou           object: time-grounding IoU of the most relevant event with the subject's best-matching visit (0 without an event)
 * @param notSeen       the answer has no event (for absent questions: the right answer)
 * @param citesOnlyEvents every time the answer names lies inside one of its events or is a bound of the window
 * @param millis        preparing the answer: embedding, the memory's similarity query, evidence and grouping
 * @param temporalHit   leave / arrive: the best-scored moment lies within {@link QaBench#TOLERANCE_MILLIS} of the
 *                      instant asked about; direction: the statement with the right side scored higher on the
 *                      subject's visit than the one with the wrong side; false for other types
 * @param reference     with the answer model: the answer it should have written over the events it was given (the
 *                      trainer's reference, {@code AnswerReference}); empty without one
 * @param answerExact   the answer is exactly the reference (false without the answer model)
 * @param answerMillis  writing the answer from the prepared evidence (the answer model's decoding, or the evidence-only
 *                      account)
 * @param detail        direction: the two statements' scores on the visit; empty for other types
 */
public record QaQuestion(String type, String subject, String question, List<String> truth, List<String> events,
                         String answer, boolean eventTop1, boolean eventTop5, boolean momentTop1, boolean momentTop5,
                         double iou, boolean notSeen, boolean citesOnlyEvents, double millis, boolean temporalHit,
                         String reference, boolean answerExact, double answerMillis, String detail) {

    /**
     * Whether the answer says the subject was not seen: the evidence-only wording, the answer model's ("the red car
     * was not seen ...", "no car was seen ...") and its fallback for an ungrounded answer ("nothing matching was seen").
     */
    public boolean answeredNotSeen() {
        return answer.contains("not seen") || answer.matches("(?s)^(No \\S+|Nothing matching) was seen .*");
    }
}
