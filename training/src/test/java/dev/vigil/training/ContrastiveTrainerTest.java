package dev.vigil.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.models.bundle.SeededBundleWriter;
import dev.vigil.models.text.MiniLmSentenceEncoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContrastiveTrainerTest {

    private static final SeededBundleWriter.Shape SHAPE = new SeededBundleWriter.Shape(16, 4, 32, 64, 2, 2, 4);

    private MiniLmSentenceEncoder sentences;
    private CaptionVectors vectors;
    private final ObjectMapper json = new ObjectMapper();
    private final List<TrainingExample> examples = ToyScenes.examples(16, 64, 3);

    @BeforeAll
    void load() {
        sentences = MiniLmSentenceEncoder.fromClasspath(1);
        vectors = new CaptionVectors(sentences);
    }

    @AfterAll
    void close() {
        sentences.close();
    }

    private TrainedWeights train(Path dir, int steps, long seed, TrainingProgress progress) {
        Path init = new SeededBundleWriter(SHAPE, seed).temporalLayers(0).writeTo(dir.resolve("init"));
        TrainingConfig config = new TrainingConfig(seed, steps, 16, 2e-3, 2, 0.01, 3, 0.5, -10, 1, 8, 1.0);
        return new ContrastiveTrainer(config, Wording.load(Wording.TRAINING), vectors, progress, json)
                .train(examples, init, new TrainingCheckpoint(dir.resolve("checkpoint")));
    }

    @Test
    void aFewStepsLowerTheLossAndTheSameSeedRepeatsExactly(@TempDir Path dir) {
        TrainedWeights first = train(dir.resolve("a"), 30, 5, TrainingProgress.NONE);
        TrainedWeights again = train(dir.resolve("b"), 30, 5, TrainingProgress.NONE);

        assertThat(first.losses()).allMatch(l -> Double.isFinite(l));
        assertThat(first.meanLossOfLast(5)).isLessThan(0.7 * first.meanLossOfFirst(5));
        assertThat(again.losses()).containsExactlyElementsOf(first.losses());
    }

    @Test
    void aRunKilledAfterACheckpointResumesToTheSameWeights(@TempDir Path dir) {
        TrainedWeights whole = train(dir.resolve("whole"), 12, 9, TrainingProgress.NONE);
        Path split = dir.resolve("split");
        assertThatThrownBy(() -> train(split, 12, 9, (step, total, loss, lr, seconds) -> {
            if (step == 8) {
                throw new IllegalStateException("killed");
            }
        })).hasMessage("killed");
        TrainedWeights resumed = train(split, 12, 9, TrainingProgress.NONE); // from the checkpoint of step 6

        assertThat(resumed.losses()).containsExactlyElementsOf(whole.losses());
        assertThat(resumed.tensors().get("text_projection.weight").values())
                .containsExactly(whole.tensors().get("text_projection.weight").values());
        assertThat(resumed.tensors().get("vision_model.head.probe").values())
                .containsExactly(whole.tensors().get("vision_model.head.probe").values());
    }
}
