package dev.vigil.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A fixed set of captions per fact (kind, colour, and an action or none), drawn once from the wording.
 *
 * <p>Why: the frozen sentence encoder costs as much per caption as the vision tower's training step costs per
 * frame, and captions drawn fresh from the wording almost never repeat (templates × synonyms run into the
 * thousands per fact), so training would spend half its time encoding text. A bank of a few dozen wordings per
 * fact keeps the variety the projection needs to learn synonyms, is encoded once, and is deterministic for a seed.
 */
public final class CaptionBank {

    private final Map<String, List<String>> captions = new LinkedHashMap<>();

    /**
     * @param wording        templates and synonyms
     * @param kinds          object kinds
     * @param colours        colours
     * @param actionsByKind  the actions each kind is seen doing (only these get captions with an action)
     * @param perFact        distinct captions per fact (fewer when the wording cannot make that many)
     * @param seed           which wordings are drawn
     */
    public CaptionBank(Wording wording, List<String> kinds, List<String> colours,
                       Map<String, List<String>> actionsByKind, int perFact, long seed) {
        if (perFact < 1) {
            throw new IllegalArgumentException("perFact must be at least 1, got " + perFact);
        }
        for (String kind : kinds) {
            for (String colour : colours) {
                List<String> actions = new ArrayList<>();
                actions.add(null);
                actions.addAll(actionsByKind.getOrDefault(kind, List.of()));
                for (String action : actions) {
                    String key = key(kind, colour, action);
                    Random random = new Random(seed * 0x9E3779B97F4A7C15L + key.hashCode());
                    LinkedHashSet<String> drawn = new LinkedHashSet<>();
                    // a few extra draws so that duplicates do not leave small facts short
                    for (int tries = 0; tries < perFact * 4 && drawn.size() < perFact; tries++) {
                        drawn.add(wording.caption(kind, colour, action, random));
                    }
                    captions.put(key, List.copyOf(drawn));
                }
            }
        }
    }

    /** One of the bank's captions for this fact, chosen by {@code random}. */
    public String caption(String kind, String colour, String action, Random random) {
        List<String> list = captions.get(key(kind, colour, action));
        if (list == null) {
            throw new IllegalArgumentException("no captions for " + key(kind, colour, action));
        }
        return list.get(random.nextInt(list.size()));
    }

    /** Every caption in the bank, in a fixed order. */
    public List<String> all() {
        return captions.values().stream().flatMap(List::stream).distinct().toList();
    }

    private static String key(String kind, String colour, String action) {
        return kind + "|" + colour + "|" + (action == null ? "" : action);
    }
}
