package dev.vigil.training.answer;

import java.util.List;
import java.util.Locale;

/**
 * What a question asks, with the plain wordings it is asked in (each a format of one {@code %s}: the subject,
 * "red car", or for {@link #COLOUR} the kind alone). The answer each gets is {@link AnswerReference}'s.
 */
public enum QuestionType {
    /** When did it leave: cites the end of the latest event holding it. */
    LEAVE(List.of("when did the %s leave?", "when did the %s go?", "when did the %s exit?",
            "at what time did the %s leave?")),
    /** When did it arrive: cites that event's start. */
    ARRIVE(List.of("when did the %s arrive?", "when did the %s appear?", "when did the %s show up?",
            "when did the %s come in?")),
    /** Was it there: cites that event's span. */
    SEEN(List.of("was there a %s?", "show me the %s", "did you see a %s?", "find the %s")),
    /** What colour was an object of a kind: asks about the kind alone. */
    COLOUR(List.of("what colour was the %s?", "what color was the %s?", "which colour was the %s?")),
    /** Which side it came in from: asked only about objects that came once and entered at a side. */
    DIRECTION(List.of("which side did the %s come from?", "did the %s come in from the left or the right?",
            "from which side did the %s enter?")),
    /** How many given events hold it. */
    COUNT(List.of("how many times was a %s seen?", "how often did a %s appear?", "how many times did a %s come?"));

    private final List<String> wordings;

    QuestionType(List<String> wordings) {
        this.wordings = wordings;
    }

    /** Its wordings, each with one {@code %s}. */
    public List<String> wordings() {
        return wordings;
    }

    /** The question in wording {@code w} (taken modulo the wordings) about {@code subject}. */
    public String ask(int w, String subject) {
        return String.format(Locale.ROOT, wordings.get(Math.floorMod(w, wordings.size())), subject);
    }

    /** The label in examples and reports ({@code leave}, ...). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
