package dev.vigil.training;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class WordingTest {

    private final Wording training = Wording.load(Wording.TRAINING);
    private final Wording heldOut = Wording.load(Wording.HELD_OUT);

    @Test
    void firstSynonymsOfTheTrainingWordingArePlainWords() {
        Wording plain = training.firstSynonyms();
        assertThat(plain.templates()).isEqualTo(training.templates());
        for (String kind : List.of("person", "car", "bicycle", "dog", "box")) {
            assertThat(plain.alternatives("kind." + kind)).containsExactly(kind);
        }
        for (String colour : List.of("red", "green", "blue", "yellow", "white", "black")) {
            assertThat(plain.alternatives("colour." + colour)).containsExactly(colour);
        }
        assertThat(plain.describe("car", "red", new java.util.Random(1))).isEqualTo("a red car");
    }

    @Test
    void heldOutTemplatesAreNotTrainingTemplates() {
        assertThat(heldOut.templates()).doesNotContainAnyElementsOf(training.templates());
    }

    @Test
    void heldOutKindAndColourSynonymsShareNoWordWithAnyTrainingSynonym() {
        Set<String> trainingWords = words(training.synonyms());
        for (Map.Entry<String, List<String>> e : heldOut.synonyms().entrySet()) {
            if (e.getKey().startsWith("kind.") || e.getKey().startsWith("colour.")) {
                for (String phrase : e.getValue()) {
                    assertThat(words(phrase)).as(e.getKey() + " '" + phrase + "'").doesNotContainAnyElementsOf(trainingWords);
                }
            }
        }
    }

    @Test
    void heldOutActionPhrasesAreNewAndUseOtherVerbs() {
        for (Map.Entry<String, List<String>> e : heldOut.synonyms().entrySet()) {
            if (!e.getKey().startsWith("action.")) {
                continue;
            }
            List<String> seen = training.alternatives(e.getKey());
            Set<String> seenVerbs = seen.stream().map(WordingTest::verb).collect(Collectors.toSet());
            for (String phrase : e.getValue()) {
                assertThat(seen).as(e.getKey()).doesNotContain(phrase);
                assertThat(seenVerbs).as(e.getKey() + " '" + phrase + "'").doesNotContain(verb(phrase));
            }
        }
    }

    @Test
    void bothFilesCoverTheSameFacts() {
        assertThat(heldOut.synonyms().keySet()).isEqualTo(training.synonyms().keySet());
    }

    @Test
    void captionsFillEveryPlaceholderAndPickTheArticle() {
        Random random = new Random(1);
        for (int i = 0; i < 200; i++) {
            String c = heldOut.caption("car", "white", "enters_left", random);
            assertThat(c).doesNotContain("{").doesNotContain("a ivory").doesNotContain("an snowy");
        }
        assertThat(heldOut.describe("car", "white", new Random(2))).matches("(an ivory|a snowy) (automobile|motorcar|auto)");
    }

    /** The verb of an action phrase: its first word, or the second after "is"/"gets". */
    private static String verb(String phrase) {
        String[] w = phrase.split(" ");
        return (w[0].equals("is") || w[0].equals("gets")) && w.length > 1 ? w[1] : w[0];
    }

    private static Set<String> words(Map<String, List<String>> synonyms) {
        Set<String> out = new HashSet<>();
        synonyms.forEach((k, v) -> {
            if (k.startsWith("kind.") || k.startsWith("colour.")) {
                v.forEach(p -> out.addAll(words(p)));
            }
        });
        return out;
    }

    private static Set<String> words(String phrase) {
        return Arrays.stream(phrase.toLowerCase(Locale.ROOT).split("[^a-z]+")).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }
}
