package dev.vigil.training;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Caption templates and synonyms for the synthetic world's facts, read from a resource file: one for training
 * ({@link #TRAINING}) and one held out for evaluation ({@link #HELD_OUT}) that shares no template and no synonym
 * with it.
 *
 * <p>File format: {@code template: ...} lines with {@code {a}}, {@code {colour}}, {@code {kind}}, {@code {action}}
 * placeholders, and {@code kind.<name>: a | b}, {@code colour.<name>: ...}, {@code action.<name>: ...} synonym
 * lines; {@code #} starts a comment.
 */
public final class Wording {

    /** Training wording. */
    public static final String TRAINING = "wording-train.txt";
    /** Held-out (evaluation) wording. */
    public static final String HELD_OUT = "wording-heldout.txt";

    private final String name;
    private final List<String> templates;
    private final Map<String, List<String>> synonyms;

    /**
     * @param name      where it came from, for messages
     * @param templates caption templates
     * @param synonyms  alternatives per key ({@code kind.car}, {@code colour.red}, {@code action.stops})
     */
    public Wording(String name, List<String> templates, Map<String, List<String>> synonyms) {
        if (templates.isEmpty()) {
            throw new IllegalArgumentException(name + " has no template");
        }
        this.name = name;
        this.templates = List.copyOf(templates);
        this.synonyms = Map.copyOf(synonyms);
    }

    /** Reads one of the wording resources of this package ({@link #TRAINING} or {@link #HELD_OUT}). */
    public static Wording load(String resource) {
        try (InputStream in = Wording.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("wording resource " + resource + " is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> templates = new ArrayList<>();
            Map<String, List<String>> synonyms = new LinkedHashMap<>();
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                int colon = text.indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException(resource + ":" + number + ": expected 'key: value', got " + text);
                }
                String key = text.substring(0, colon).strip();
                String value = text.substring(colon + 1).strip();
                if (key.equals("template")) {
                    templates.add(value);
                } else {
                    synonyms.put(key, Arrays.stream(value.split("\\|")).map(String::strip).toList());
                }
            }
            return new Wording(resource, templates, synonyms);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read wording " + resource, e);
        }
    }

    /** The caption templates. */
    public List<String> templates() {
        return templates;
    }

    /** Every synonym key ({@code kind.car}, ...) and its alternatives. */
    public Map<String, List<String>> synonyms() {
        return synonyms;
    }

    /** The alternatives for {@code key}, e.g. {@code kind.car}. */
    public List<String> alternatives(String key) {
        List<String> list = synonyms.get(key);
        if (list == null || list.isEmpty()) {
            throw new IllegalArgumentException(name + " has no wording for '" + key + "'");
        }
        return list;
    }

    /**
     * The same templates with only the first synonym of every key: in the training file the plain word ("car",
     * "red"), so captions say what a person would say first. Benchmarks ask in it to tell what unusual words cost
     * from what the pixels cost.
     */
    public Wording firstSynonyms() {
        Map<String, List<String>> first = new java.util.LinkedHashMap<>();
        synonyms.forEach((key, list) -> first.put(key, List.of(list.get(0))));
        return new Wording(name + " (first synonyms)", templates, first);
    }

    /** Whether there is wording for {@code action} ({@code stops}, ...). */
    public boolean knowsAction(String action) {
        return synonyms.containsKey("action." + action);
    }

    /**
     * A caption for an object: a random template (one with {@code {action}} only when {@code action} is given) with
     * random synonyms.
     *
     * @param action the action to mention, or null for none
     */
    public String caption(String kind, String colour, String action, Random random) {
        List<String> usable = templates.stream()
                .filter(t -> action != null || !t.contains("{action}"))
                .toList();
        if (usable.isEmpty()) {
            throw new IllegalArgumentException(name + " has no template without {action}");
        }
        return fill(usable.get(random.nextInt(usable.size())), kind, colour, action, random);
    }

    /** A caption from a given template. */
    public String fill(String template, String kind, String colour, String action, Random random) {
        String text = template
                .replace("{colour}", pick("colour." + colour, random))
                .replace("{kind}", pick("kind." + kind, random));
        if (text.contains("{action}")) {
            if (action == null) {
                throw new IllegalArgumentException("template '" + template + "' needs an action");
            }
            text = text.replace("{action}", pick("action." + action, random));
        }
        return articles(text);
    }

    /** A short noun phrase, {@code "a scarlet automobile"}: what multiple-choice options say. */
    public String describe(String kind, String colour, Random random) {
        return articles("{a} " + pick("colour." + colour, random) + " " + pick("kind." + kind, random));
    }

    private String pick(String key, Random random) {
        List<String> list = alternatives(key);
        return list.get(random.nextInt(list.size()));
    }

    /** Replaces each {@code {a}} by "a" or "an", whichever the next word takes. */
    private static String articles(String text) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        int at;
        while ((at = text.indexOf("{a}", from)) >= 0) {
            out.append(text, from, at);
            String rest = text.substring(at + 3).stripLeading();
            boolean vowel = !rest.isEmpty() && "aeiou".indexOf(Character.toLowerCase(rest.charAt(0))) >= 0;
            out.append(vowel ? "an" : "a");
            from = at + 3;
        }
        return out.append(text.substring(from)).toString();
    }
}
