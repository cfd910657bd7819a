package dev.vigil.training;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class TextProbeTest {

    private static final List<String> KINDS = List.of("person", "car", "bicycle", "dog", "box");
    private static final List<String> COLOURS = List.of("red", "green", "blue", "yellow", "white", "black");
    private static final Map<String, List<String>> ACTIONS = Map.of("car", List.of("stops", "crosses"),
            "person", List.of("loiters"));

    /** Bag of words by feature hashing: knows a word only by its spelling, so a new synonym means nothing to it. */
    private static final Function<List<String>, float[][]> BAG_OF_WORDS = texts -> texts.stream().map(t -> {
        float[] v = new float[512];
        for (String w : t.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (!w.isEmpty()) {
                v[Math.floorMod(w.hashCode() * 31 + 7, v.length)] += 1;
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }).toArray(float[][]::new);

    @Test
    void aLinearMapReadsWordsItWasFittedOn() {
        Wording training = Wording.load(Wording.TRAINING);
        TextProbe.Result same = new TextProbe(training, training, 0.1, 20, 1).run(BAG_OF_WORDS, KINDS, COLOURS, ACTIONS);

        assertThat(same.kind()).isGreaterThan(0.95);
        assertThat(same.colour()).isGreaterThan(0.95);
        assertThat(same.questions()).isEqualTo(5 * 6 * 20);
        assertThat(same.byWord()).containsKeys("car", "red");
    }

    @Test
    void wordsNeverSeenCarryNothingForAnEncoderThatOnlyKnowsSpellings() {
        TextProbe.Result held = new TextProbe(Wording.load(Wording.TRAINING), Wording.load(Wording.HELD_OUT), 0.1, 20, 1)
                .run(BAG_OF_WORDS, KINDS, COLOURS, ACTIONS);

        // no held-out kind or colour word shares a spelling with a training one (WordingTest), so what is left is
        // guessing from template words: about chance (1/5 kinds, 1/6 colours)
        assertThat(held.colour()).isLessThan(0.4);
        assertThat(held.kind()).isLessThan(0.5);
        assertThat(held.byWord()).containsKeys("automobile", "scarlet", "cobalt");
    }
}
