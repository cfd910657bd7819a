package dev.vigil.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.models.answer.AnswerConfig;
import dev.vigil.models.answer.AnswerEvidence;
import dev.vigil.models.answer.AnswerModel;
import dev.vigil.models.answer.AnswerQuestion;
import dev.vigil.models.answer.AnswerVocabulary;
import dev.vigil.models.answer.SeededAnswerWriter;
import dev.vigil.models.weights.FloatTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AnswerTrainerTest {
    private static final int DIM = 8;
    private static final AnswerConfig SMALL = new AnswerConfig(16, 2, 2, 8, 2, 5, 2, 384);
    private static final AnswerVocabulary VOCABULARY = vocabulary();

    @TempDir
    Path folder;

    @Test
    void theBatchedTrainingForwardIsTheInferenceModel() {
        Map<String, FloatTensor> tensors = SeededAnswerWriter.tensors(SMALL, DIM, VOCABULARY.size(), 11);
        // non-trivial norms and biases, so that a mix-up of any tensor shows
        Random r = new Random(3);
        tensors.replaceAll((name, t) -> t.shape().length == 1 ? FloatTensor.of(values(r, t.values().length, 0.3f, 1f), t.shape()) : t);
        AnswerModel inference = new AnswerModel(SMALL, VOCABULARY, DIM, tensors);
        List<AnswerQuestion> questions = List.of(question(r), question(r), question(r));
        List<List<AnswerEvidence>> events = List.of(List.of(evidence(r, 3, 1, 0.6), evidence(r, 7, 3, 0.9)),
                List.of(), List.of(evidence(r, 5, 2, 0.2)));
        int[][] ids = {{1, 5, 6, 7, 0, 0, 0, 0}, {1, 9, 0, 0, 0, 0, 0, 0}, {1, 5, 6, 7, 8, 9, 10, 11}};
        int[] lengths = {4, 2, 8};
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager(Device.cpu())) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            tensors.forEach((name, t) -> params.put(name, m.create(t.values(), new Shape(t.shape()))));
            TrainableAnswerModel trainable = new TrainableAnswerModel(SMALL, DIM, params);
            NDArray logits = trainable.logits(trainable.inputs(questions, events, ids, lengths, m));
            float[] batched = logits.toFloatArray();
            int v = VOCABULARY.size();
            for (int i = 0; i < questions.size(); i++) {
                float[][] expected = inference.logits(questions.get(i), events.get(i), Arrays.copyOf(ids[i], lengths[i]));
                for (int j = 0; j < lengths[i]; j++) {
                    for (int k = 0; k < v; k++) {
                        assertThat(batched[(i * SMALL.maxAnswerTokens() + j) * v + k])
                                .as("example %d position %d token %d", i, j, k).isCloseTo(expected[j][k], within(2e-5f));
                    }
                }
            }
        }
    }

    @Test
    void trainingLearnsAnswersThatDependOnTheEvidence() {
        Random r = new Random(9);
        AnswerQuestion question = question(r);
        AnswerEvidence red = evidence(r, 4, 2, 0.8);
        AnswerEvidence blue = evidence(r, 4, 2, 0.8);
        List<AnswerTrainer.Example> examples = List.of(
                new AnswerTrainer.Example(question, List.of(red), List.of("the", "car", "was", "red", ".")),
                new AnswerTrainer.Example(question, List.of(blue), List.of("the", "car", "was", "blue", ".")),
                new AnswerTrainer.Example(question, List.of(), List.of("not", "seen", "<window>", ".")));
        AnswerTrainer trainer = new AnswerTrainer(new AnswerTrainer.Config(5, 150, 6, 0.01, 10, 0), SMALL, VOCABULARY, DIM,
                TrainingProgress.NONE, new ObjectMapper());
        TrainedWeights trained = trainer.train(examples, new TrainingCheckpoint(folder.resolve("checkpoint")));
        assertThat(trained.losses().get(trained.losses().size() - 1)).isLessThan(trained.losses().get(0) / 10);
        AnswerModel model = new AnswerModel(SMALL, VOCABULARY, DIM, trained.tensors());
        for (AnswerTrainer.Example e : examples) {
            assertThat(model.answer(e.question(), e.events())).isEqualTo(e.target());
        }
    }

    @Test
    void aResumedRunEndsWhereAnUninterruptedOneDoes() {
        Random r = new Random(4);
        List<AnswerTrainer.Example> examples = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            examples.add(new AnswerTrainer.Example(question(r), List.of(evidence(r, 2, 1, 0.5)), List.of("a", "car", ".")));
        }
        TrainedWeights whole = run(examples, folder.resolve("whole"), TrainingProgress.NONE);
        Path split = folder.resolve("split");
        assertThatThrownBy(() -> run(examples, split, (step, total, loss, lr, seconds) -> {
            if (step == 5) {
                throw new IllegalStateException("killed");
            }
        })).hasMessage("killed");
        TrainedWeights resumed = run(examples, split, TrainingProgress.NONE); // from the checkpoint of step 3
        assertThat(resumed.losses()).containsExactlyElementsOf(whole.losses());
        assertThat(resumed.tensors().get("answer.token_embedding").values())
                .containsExactly(whole.tensors().get("answer.token_embedding").values());
    }

    private static TrainedWeights run(List<AnswerTrainer.Example> examples, Path checkpoint, TrainingProgress progress) {
        return new AnswerTrainer(new AnswerTrainer.Config(2, 6, 3, 0.01, 2, 3), SMALL, VOCABULARY, DIM, progress,
                new ObjectMapper()).train(examples, new TrainingCheckpoint(checkpoint));
    }

    private static AnswerVocabulary vocabulary() {
        List<String> tokens = new ArrayList<>(AnswerVocabulary.reserved(SMALL.maxEvents()));
        tokens.addAll(List.of(".", "a", "the", "car", "was", "red", "blue", "not", "seen"));
        return new AnswerVocabulary(tokens);
    }

    private static AnswerQuestion question(Random r) {
        return new AnswerQuestion(values(r, 384, 0, 1), values(r, DIM, 0, 1));
    }

    private static AnswerEvidence evidence(Random r, int tokens, int frames, double p) {
        return new AnswerEvidence(values(r, tokens * DIM, 0, 1), tokens, values(r, frames * DIM, 0, 1), frames, DIM, p);
    }

    private static float[] values(Random r, int n, float mean, float sd) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = mean + sd * (float) r.nextGaussian();
        }
        return v;
    }
}
