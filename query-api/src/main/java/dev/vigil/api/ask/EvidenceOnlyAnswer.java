package dev.vigil.api.ask;

import dev.vigil.api.memory.Moment;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The answer when no LLM is configured: a plain account of which moments matched, when and how strongly,
 * and a statement that no LLM is configured. It only restates the evidence; it never claims what a clip shows.
 */
public final class EvidenceOnlyAnswer {
    public static final String NO_LLM = "No LLM is configured, so this answer only lists the stored moments that "
            + "best match the question (similarity of the question to each moment's frames).";

    private EvidenceOnlyAnswer() {
    }

    /** The text for {@code question} given the chosen moments (time order) and the best candidate. */
    public static String of(String question, List<Moment> chosen, Moment best) {
        StringBuilder s = new StringBuilder(NO_LLM).append('\n');
        if (best == null) {
            return s.append("No stored moment was found for \"").append(question)
                    .append("\" in the requested cameras and time window.").toString();
        }
        s.append("Best match for \"").append(question).append("\": ").append(describe(best)).append('.');
        if (!chosen.isEmpty()) {
            s.append("\nMoments selected, in time order:");
            for (Moment m : chosen) {
                s.append("\n- ").append(describe(m));
            }
        }
        return s.toString();
    }

    private static String describe(Moment m) {
        return "camera " + m.camera() + ", " + Instant.ofEpochMilli(m.start()) + " to " + Instant.ofEpochMilli(m.end())
                + " (similarity " + String.format(Locale.ROOT, "%.2f", m.score()) + ")";
    }
}
