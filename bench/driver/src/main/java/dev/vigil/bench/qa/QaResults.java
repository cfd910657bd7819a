package dev.vigil.bench.qa;

import java.util.List;
import java.util.Map;

/**
 * What {@code vigil bench qa} writes to {@code qa.json}.
 *
 * @param bundle      the model bundle that answered
 * @param date        when it ran (UTC)
 * @param machine     where it ran
 * @param command     the command that made it
 * @param threshold   the relevance an event needed
 * @param scenes      the scenes' synthcam URLs
 * @param summary     the scores
 * @param notMeasured what the issue asks for that this run could not measure, and why
 * @param reliability every scored moment of every question binned by relevance, with how many showed the subject
 * @param ablation    the same scenes and questions with parts of the model switched off (empty unless asked for)
 * @param questions   every question with its answer
 */
public record QaResults(String bundle, String date, String machine, String command, double threshold,
                        List<String> scenes, Summary summary, List<String> notMeasured,
                        List<Reliability.Bin> reliability, List<Ablation> ablation, List<QaQuestion> questions) {

    /**
     * One row of the ablation table.
     *
     * @param variant what was switched off
     * @param bundle  the bundle folder it ran with
     * @param summary its scores on the same scenes
     */
    public record Ablation(String variant, String bundle, Summary summary) {
    }

    /**
     * @param objectQuestions  questions about something that appeared
     * @param eventTop1        of those, the most relevant event lies on it
     * @param eventTop5        one of the five most relevant events does
     * @param momentTop1       the best-scored moment does (ranking alone)
     * @param momentTop5       one of the five best-scored moments does
     * @param meanIou          mean time-grounding IoU of the most relevant event
     * @param absentQuestions  questions about something that never appeared
     * @param absentNotSeen    of those, answered without an event above the threshold ("not seen")
     * @param citesOnlyEvents  of all answers, those whose every time lies in one of their events (or bounds the window)
     * @param latencyP50Ms     preparing an answer, median
     * @param latencyP95Ms     preparing an answer, 95th percentile
     * @param leaveQuestions  "when did the ... leave?" questions
     * @param leaveTop1       of those, the best-scored moment lies within 2 s of the last frame on screen
     * @param arriveQuestions "when did the ... arrive?" questions
     * @param arriveTop1      of those, the best-scored moment lies within 2 s of the first frame on screen
     * @param directionQuestions "from the left or the right?" questions
     * @param directionAccuracy  of those, the true side's statement scored higher on the visit
     * @param answers          the answer model's scores (zero questions without one)
     */
    public record Summary(int objectQuestions, double eventTop1, double eventTop5, double momentTop1, double momentTop5,
                          double meanIou, int absentQuestions, double absentNotSeen, double citesOnlyEvents,
                          double latencyP50Ms, double latencyP95Ms, int leaveQuestions, double leaveTop1,
                          int arriveQuestions, double arriveTop1, int directionQuestions, double directionAccuracy,
                          Answers answers) {
    }

    /**
     * How the built-in answer model answered.
     *
     * @param questions      questions it answered
     * @param exactMatch     of those, answered exactly as the reference over the events it was given
     * @param exactByType    the same per question type (only types asked)
     * @param absentNotSeen  of the absent-subject questions, answered "not seen" in words
     * @param latencyP50Ms   writing an answer from the prepared evidence, median
     * @param latencyP95Ms   the same, 95th percentile
     */
    public record Answers(int questions, double exactMatch, Map<String, Double> exactByType,
                          double absentNotSeen, double latencyP50Ms, double latencyP95Ms) {
    }
}
