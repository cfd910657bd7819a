package dev.vigil.training.answer;

import dev.vigil.models.answer.AnswerVocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The answer the model should write (docs/model.md, "The built-in answer model"), from the ground truth and the
 * events it was given: the training targets, and the reference {@code vigil bench qa} scores exact match against.
 *
 * <p>An event "holds" the subject when an object of its kind and colour was on screen during the event's span.
 * Answers cite the latest given event that holds it (a slot: {@code <cam2>}, {@code <end2>}); when none does,
 * whatever the question, the answer is that it was not seen in the window asked about. So the answer never claims
 * what the given evidence does not show, and a subject that was in the scene but not retrieved is "not seen" too:
 * the model cannot know of events it was not given.
 */
public final class AnswerReference {
    private static final List<String> NUMBERS = List.of("one", "two", "three", "four", "five", "six", "seven", "eight");

    private AnswerReference() {
    }

    /** One given event's span, epoch millis, in the time order the model is given events. */
    public record Span(long start, long end) {
    }

    /**
     * The answer's tokens, without {@code <bos>} / {@code <eos>}.
     *
     * @param type   what is asked
     * @param kind   the subject's kind
     * @param colour the subject's colour (ignored for {@link QuestionType#COLOUR}, which asks it)
     * @param given  the given events, time order
     * @param visits the scene's ground truth
     */
    public static List<String> answer(QuestionType type, String kind, String colour, List<Span> given,
                                      List<SceneVisit> visits) {
        String asked = type == QuestionType.COLOUR ? null : colour;
        List<Integer> holders = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            if (!holding(kind, asked, given.get(i), visits).isEmpty()) {
                holders.add(i);
            }
        }
        if (holders.isEmpty()) {
            return type == QuestionType.COLOUR
                    ? words("no", kind, "was", "seen", AnswerVocabulary.WINDOW, ".")
                    : words("the", colour, kind, "was", "not", "seen", AnswerVocabulary.WINDOW, ".");
        }
        int last = holders.get(holders.size() - 1);
        Span event = given.get(last);
        int slot = last + 1;
        String cam = AnswerVocabulary.camera(slot);
        String start = AnswerVocabulary.start(slot);
        String end = AnswerVocabulary.end(slot);
        return switch (type) {
            case LEAVE -> words("the", colour, kind, "left", cam, "at", end, ".");
            case ARRIVE -> words("the", colour, kind, "arrived", "on", cam, "at", start, ".");
            case SEEN -> words("a", colour, kind, "was", "seen", "on", cam, "from", start, "to", end, ".");
            case COLOUR -> words("the", kind, "was", mostSeen(holding(kind, null, event, visits), event), ",", "on",
                    cam, "from", start, "to", end, ".");
            case DIRECTION -> {
                String side = holding(kind, colour, event, visits).stream().map(SceneVisit::side)
                        .filter(s -> s != null).findFirst().orElse(null);
                yield side == null
                        // it was seen, but not coming in at a side (it was there from the start, or came through a door)
                        ? words("the", colour, kind, "did", "not", "come", "from", "a", "side", ",", "seen", "on", cam,
                                "at", start, ".")
                        : words("the", colour, kind, "came", "from", "the", side, "on", cam, "at", start, ".");
            }
            case COUNT -> words("a", colour, kind, "was", "seen", NUMBERS.get(holders.size() - 1),
                    holders.size() == 1 ? "time" : "times", ",", "last", "on", cam, "at", start, ".");
        };
    }

    /** Every word any answer can use besides the slots, the kinds and the colours. */
    public static List<String> fixedWords() {
        List<String> out = new ArrayList<>(List.of("the", "a", "no", "was", "not", "seen", "left", "arrived", "on",
                "at", "from", "to", ",", ".", "came", "right", "did", "come", "side", "time", "times", "last"));
        out.addAll(NUMBERS);
        return out;
    }

    private static List<SceneVisit> holding(String kind, String colour, Span event, List<SceneVisit> visits) {
        return visits.stream().filter(v -> v.is(kind, colour) && v.overlaps(event.start(), event.end())).toList();
    }

    /** The colour on screen longest during the event (the first such visit on a tie). */
    private static String mostSeen(List<SceneVisit> visits, Span event) {
        SceneVisit best = null;
        long most = -1;
        for (SceneVisit v : visits) {
            long overlap = Math.min(v.endMillis(), event.end()) - Math.max(v.startMillis(), event.start());
            if (overlap > most) {
                most = overlap;
                best = v;
            }
        }
        return best.colour();
    }

    private static List<String> words(String... words) {
        return Arrays.asList(words);
    }
}
