package dev.vigil.models.answer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Turns the answer model's tokens into the text a user reads: slots become the evidence's facts (camera, start,
 * end of the event they name, the window asked about), words are joined with spaces, punctuation closes up and the
 * first letter is capitalised. A slot that names an event the model was not given becomes {@code ?}: the text never
 * holds a time the evidence does not.
 */
public final class AnswerText {

    /**
     * What event i's slots stand for.
     *
     * @param camera      the camera id
     * @param startMillis the event's start, epoch millis
     * @param endMillis   the event's end, epoch millis
     */
    public record EventSlots(String camera, long startMillis, long endMillis) {
    }

    private AnswerText() {
    }

    /**
     * Whether decoded tokens are an answer the evidence backs: every slot names one of the {@code events} given
     * events, and an answer that cites none is a denial in the window asked about (it holds
     * {@link AnswerVocabulary#WINDOW} and the word {@code not} or {@code no}: "the red car was not seen since ...").
     * A model that claims a sighting without citing it, or cites an event it was not given, fails this, whatever it
     * was trained to do.
     */
    public static boolean grounded(List<String> tokens, int events) {
        boolean cites = false;
        boolean window = false;
        boolean denies = false;
        for (String t : tokens) {
            if (t.equals(AnswerVocabulary.WINDOW)) {
                window = true;
            } else if (AnswerVocabulary.isMarkup(t)) {
                int slot = slotEvent(t);
                if (slot < 1 || slot > events) {
                    return false;
                }
                cites = true;
            } else if (t.equals("not") || t.equals("no")) {
                denies = true;
            }
        }
        return cites || window && denies;
    }

    /** The text given when the decoded answer is not {@link #grounded}: that nothing matching was seen. */
    public static String notSeen(String windowPhrase) {
        return "Nothing matching was seen " + windowPhrase + ".";
    }

    /** The event a slot names (1-based), or 0 for a special or an unknown token. */
    private static int slotEvent(String token) {
        for (String prefix : new String[] {"<cam", "<start", "<end"}) {
            if (token.startsWith(prefix) && token.endsWith(">")) {
                String digits = token.substring(prefix.length(), token.length() - 1);
                return !digits.isEmpty() && digits.chars().allMatch(Character::isDigit) && digits.length() < 4
                        ? Integer.parseInt(digits) : 0;
            }
        }
        return 0;
    }

    /**
     * @param events       the events given to the model, in the same order
     * @param windowPhrase how the window reads in a sentence, e.g. {@code since 2026-12-03T09:00:00Z}
     */
    public static String render(List<String> tokens, List<EventSlots> events, String windowPhrase) {
        StringBuilder s = new StringBuilder();
        for (String t : tokens) {
            String word = fill(t, events, windowPhrase);
            if (word.isEmpty()) {
                continue;
            }
            boolean closes = !AnswerVocabulary.isMarkup(t) && (word.equals(".") || word.equals(",") || word.equals("?"));
            if (s.length() > 0 && !closes) {
                s.append(' ');
            }
            s.append(word);
        }
        // a sentence starts with a capital, but a camera id or a time keeps its own spelling
        if (s.length() > 0 && !tokens.isEmpty() && !AnswerVocabulary.isMarkup(tokens.get(0))) {
            s.setCharAt(0, Character.toUpperCase(s.charAt(0)));
        }
        return s.toString();
    }

    /** An instant as the answer cites it: ISO-8601 UTC to the second. */
    public static String time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String fill(String token, List<EventSlots> events, String windowPhrase) {
        if (!AnswerVocabulary.isMarkup(token)) {
            return token;
        }
        if (token.equals(AnswerVocabulary.WINDOW)) {
            return windowPhrase;
        }
        for (int i = 1; i <= events.size(); i++) {
            EventSlots e = events.get(i - 1);
            if (token.equals(AnswerVocabulary.camera(i))) {
                return e.camera();
            }
            if (token.equals(AnswerVocabulary.start(i))) {
                return time(e.startMillis());
            }
            if (token.equals(AnswerVocabulary.end(i))) {
                return time(e.endMillis());
            }
        }
        // a slot for an event that was not given, or a special: nothing the evidence can back
        return token.startsWith("<cam") || token.startsWith("<start") || token.startsWith("<end") ? "?" : "";
    }
}
