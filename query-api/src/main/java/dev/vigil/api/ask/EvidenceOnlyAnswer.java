package dev.vigil.api.ask;

import dev.vigil.api.TimeWindow;
import dev.vigil.api.memory.Moment;
import dev.vigil.tokens.Relevance;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The answer when no LLM is configured: a plain account of the events that match the question (when, on which
 * camera, how likely), or that nothing in the window reaches the threshold, and a statement that no LLM is
 * configured. It only restates the evidence; it never claims what a clip shows beyond the model's relevance.
 */
public final class EvidenceOnlyAnswer {
    public static final String NO_LLM = "No LLM is configured, so this answer only lists where the question matches "
            + "the stored moments (relevance: the model's probability that a moment shows what the question describes).";
    /** Events listed in full; more are counted. */
    static final int LISTED = 10;

    private EvidenceOnlyAnswer() {
    }

    /**
     * The text for {@code question}.
     *
     * @param events    the matching events, in time order
     * @param best      the best-scoring candidate in the window, or null when the window holds none
     * @param threshold the relevance a match needed
     */
    public static String of(String question, List<MatchEvent> events, Moment best, TimeWindow window,
                            double threshold, Relevance relevance) {
        StringBuilder s = new StringBuilder(NO_LLM).append('\n').append('"').append(question).append("\": ");
        if (events.isEmpty()) {
            s.append("not seen ").append(window.describe());
            if (best == null) {
                return s.append(": no stored moment was found in the requested cameras and time window.").toString();
            }
            // the closest moment is named by camera and relevance only: an answer cites no time outside its events
            return s.append(": no stored moment reaches relevance ").append(format(threshold)).append(" (the closest, on camera ")
                    .append(best.camera()).append(", has relevance ").append(format(relevance.probability(best.score())))
                    .append(" and similarity ").append(format(best.score())).append(").").toString();
        }
        s.append("seen ").append(events.size() == 1 ? "once" : events.size() + " times").append(' ')
                .append(window.describe()).append(" (relevance at least ").append(format(threshold)).append("):");
        for (MatchEvent e : events.subList(0, Math.min(LISTED, events.size()))) {
            s.append("\n- camera ").append(e.camera()).append(", ").append(Instant.ofEpochMilli(e.start())).append(" to ")
                    .append(Instant.ofEpochMilli(e.end())).append(" (relevance ").append(format(e.probability()))
                    .append(", ").append(e.moments()).append(e.moments() == 1 ? " moment)" : " moments)");
        }
        if (events.size() > LISTED) {
            s.append("\n- and ").append(events.size() - LISTED).append(" more");
        }
        return s.toString();
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
