package dev.vigil.bench.qa;

import java.util.List;

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
 * @param questions   every question with its answer
 */
public record QaResults(String bundle, String date, String machine, String command, double threshold,
                        List<String> scenes, Summary summary, List<String> notMeasured,
                        List<Reliability.Bin> reliability, List<QaQuestion> questions) {

    /**
     * @param objectQuestions  questions about something that appeared
     * @param eventTop1        of those, the most relevant event lies on it
     * @param eventTop5        one of the five most relevant events does
     * @param momentTop1       the best-scored moment does (ranking alone)
     * @param momentTop5       one of the five best-scored moments does
     * @param meanIou          mean time-grounding IoU of the most relevant event
     * @param absentQuestions  questions about something that never appeared
     * @param absentNotSeen    of those, answered "not seen"
     * @param citesOnlyEvents  of all answers, those whose every time lies in one of their events (or bounds the window)
     * @param latencyP50Ms     preparing an answer, median
     * @param latencyP95Ms     preparing an answer, 95th percentile
     */
    public record Summary(int objectQuestions, double eventTop1, double eventTop5, double momentTop1, double momentTop5,
                          double meanIou, int absentQuestions, double absentNotSeen, double citesOnlyEvents,
                          double latencyP50Ms, double latencyP95Ms) {
    }
}
