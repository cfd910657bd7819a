package dev.vigil.training;

import dev.vigil.models.image.RgbFrame;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BatchSamplerTest {

    /** One word per fact, so a caption names its kind and colour plainly ("a red car"). */
    private static final Wording PLAIN = new Wording("plain", List.of("{a} {colour} {kind}"), Map.of(
            "kind.car", List.of("car"), "kind.person", List.of("person"), "kind.dog", List.of("dog"),
            "colour.red", List.of("red"), "colour.green", List.of("green"), "colour.blue", List.of("blue"),
            "colour.white", List.of("white")));

    private static final RgbFrame PAIR = new RgbFrame(2, 2, new byte[12]);
    private static final RgbFrame SINGLE = new RgbFrame(2, 2, new byte[12]);

    /** A green car beside a red person, and frames showing the other kinds and colours alone. */
    private static final List<TrainingExample> EXAMPLES = List.of(
            new TrainingExample(PAIR, List.of(new SceneFact("car", "green", List.of()),
                    new SceneFact("person", "red", List.of()))),
            new TrainingExample(SINGLE, List.of(new SceneFact("dog", "blue", List.of()))),
            new TrainingExample(new RgbFrame(2, 2, new byte[12]), List.of(new SceneFact("car", "white", List.of()))));

    private static TrainingConfig config(double bindingNegatives) {
        return new TrainingConfig(3, 100, 12, 1e-3, 1, 0.0, 0, 0.0, -4, 1, 2, bindingNegatives);
    }

    /** The captions asked of the two-object frame over many batches (each frame gets three in a row). */
    private static Set<String> captionsOfThePair(double bindingNegatives) {
        BatchSampler sampler = new BatchSampler(EXAMPLES, PLAIN, config(bindingNegatives));
        Set<String> seen = new HashSet<>();
        for (int step = 0; step < 50; step++) {
            Batch batch = sampler.batch(step);
            assertThat(batch.captions()).hasSize(3 * batch.frames().size());
            for (int i = 0; i < batch.frames().size(); i++) {
                if (batch.frames().get(i) == PAIR) {
                    seen.addAll(batch.captions().subList(3 * i, 3 * i + 3));
                }
            }
        }
        return seen;
    }

    @Test
    void bindingNegativesSwapTheAttributesOfTheFramesOwnObjects() {
        assertThat(captionsOfThePair(1.0))
                .containsExactlyInAnyOrder("a green car", "a red person", "a red car", "a green person");
    }

    @Test
    void withoutBindingNegativesTheChangedAttributeIsAnyOther() {
        assertThat(captionsOfThePair(0.0)).contains("a blue car", "a white person", "a green dog", "a red dog");
    }

    @Test
    void labelsFollowTheFactsSoASwappedCaptionIsNegativeForThePair() {
        BatchSampler sampler = new BatchSampler(EXAMPLES, PLAIN, config(1.0));
        Batch batch = sampler.batch(0);
        int captions = batch.captions().size();
        for (int i = 0; i < batch.frames().size(); i++) {
            for (int j = 0; j < captions; j++) {
                String caption = batch.captions().get(j);
                float label = batch.labels()[i * captions + j];
                if (batch.frames().get(i) == PAIR) {
                    boolean shown = caption.equals("a green car") || caption.equals("a red person");
                    assertThat(label).as("%s for the pair", caption).isEqualTo(shown ? 1f : -1f);
                }
            }
        }
    }
}
