package dev.vigil.api.ask;

import dev.vigil.tokens.Relevance;

import java.time.Instant;
import java.util.List;

/**
 * The answer to a question.
 *
 * @param answer    the LLM's answer, or with no LLM configured a plain account of the events that says so
 * @param events    what matched, grouped: contiguous moments of a camera at or above {@code threshold}, in time
 *                  order (empty: not seen in the window)
 * @param threshold the relevance (probability) a moment had to reach to count as a match
 * @param evidence  the moments the answer was built from (the LLM's context), in time order
 * @param tokens    visual tokens selected and available in the window
 * @param cameras   the global (LongVLM) context of each camera involved
 * @param model     the embedding model that scored the moments
 * @param llm       the LLM that answered, or {@code none}
 */
public record AskResponse(String answer, List<Event> events, double threshold, List<Evidence> evidence, Tokens tokens,
                          List<CameraContext> cameras, String model, String llm) {
    /** Tokens selected into the answer's context, and the tokens of every candidate moment. */
    public record Tokens(int selected, int available) {
    }

    /** A camera's global semantics: frames averaged, and the question's similarity to their mean. */
    public record CameraContext(String camera, long frames, Double globalScore) {
    }

    /**
     * A {@link MatchEvent} as the API shows it.
     *
     * @param start       ISO-8601 UTC, the first matching moment's start
     * @param end         ISO-8601 UTC, the last matching moment's end
     * @param probability the event's highest relevance
     * @param moments     stored moments it spans
     * @param peak        its best moment (with its keyframe)
     */
    public record Event(String camera, String start, String end, double probability, int moments, Evidence peak) {
        static Event of(MatchEvent e, Relevance relevance) {
            return new Event(e.camera(), Instant.ofEpochMilli(e.start()).toString(), Instant.ofEpochMilli(e.end()).toString(),
                    Evidence.round(e.probability()), e.moments(), Evidence.of(e.peak(), relevance));
        }
    }
}
