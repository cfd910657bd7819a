package dev.vigil.models.answer;

import dev.vigil.models.bundle.BundleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnswerModelTest {
    private static final int DIM = 24;

    @TempDir
    Path folder;

    @Test
    void aFolderWithoutAnAnswerModelHasNone() {
        assertThat(AnswerModel.load(folder, DIM)).isEmpty();
    }

    @Test
    void greedyAnswerIsTheArgmaxOfTeacherForcedLogits() {
        SeededAnswerWriter.write(folder, DIM, 3);
        AnswerModel model = AnswerModel.load(folder, DIM).orElseThrow();
        Random r = new Random(5);
        AnswerQuestion q = question(r);
        List<AnswerEvidence> events = List.of(evidence(r, 5, 2, 0.7), evidence(r, 70, 6, 0.9));
        List<String> answer = model.answer(q, events);
        int[] ids = new int[answer.size() + 1];
        ids[0] = model.vocabulary().require(AnswerVocabulary.BOS);
        for (int i = 0; i < answer.size(); i++) {
            ids[i + 1] = model.vocabulary().require(answer.get(i));
        }
        float[][] logits = model.logits(q, events, ids);
        for (int j = 0; j < answer.size(); j++) {
            assertThat(model.vocabulary().token(argmaxWord(logits[j], model.vocabulary()))).isEqualTo(answer.get(j));
        }
        assertThat(model.answer(q, events)).as("deterministic").isEqualTo(answer);
    }

    @Test
    void anAnswerTokenSeesThePrefixAndEarlierTokensOnly() {
        SeededAnswerWriter.write(folder, DIM, 4);
        AnswerModel model = AnswerModel.load(folder, DIM).orElseThrow();
        Random r = new Random(6);
        AnswerQuestion q = question(r);
        List<AnswerEvidence> events = List.of(evidence(r, 8, 4, 0.6));
        float[][] a = model.logits(q, events, new int[] {1, 5, 6, 7});
        float[][] b = model.logits(q, events, new int[] {1, 5, 9, 10});
        assertThat(a[0]).containsExactly(b[0]);
        assertThat(a[1]).containsExactly(b[1]);
        assertThat(a[2]).isNotEqualTo(b[2]);
        float[][] other = model.logits(q, List.of(evidence(r, 8, 4, 0.6)), new int[] {1});
        assertThat(other[0]).as("the evidence reaches the answer").isNotEqualTo(a[0]);
    }

    @Test
    void rowsBeyondThePerEventLimitsAreNotRead() {
        SeededAnswerWriter.write(folder, DIM, 4);
        AnswerModel model = AnswerModel.load(folder, DIM).orElseThrow();
        Random r = new Random(7);
        AnswerQuestion q = question(r);
        AnswerEvidence full = evidence(r, 64, 4, 0.8);
        float[] longer = new float[80 * DIM];
        System.arraycopy(full.tokens(), 0, longer, 0, full.tokens().length);
        for (int i = full.tokens().length; i < longer.length; i++) {
            longer[i] = 9;
        }
        AnswerEvidence extra = new AnswerEvidence(longer, 80, full.frameEmbeddings(), 4, DIM, 0.8);
        assertThat(model.logits(q, List.of(extra), new int[] {1})[0])
                .containsExactly(model.logits(q, List.of(full), new int[] {1})[0]);
    }

    @Test
    void badFilesAreNamedInTheError() throws IOException {
        SeededAnswerWriter.write(folder, DIM, 1);
        assertThatThrownBy(() -> AnswerModel.load(folder, DIM + 1)).isInstanceOf(BundleException.class)
                .hasMessageContaining("answer.safetensors").hasMessageContaining("bundle dim " + (DIM + 1));
        Files.writeString(folder.resolve(AnswerVocabulary.FILE), "<bos>\n<eos>\n");
        assertThatThrownBy(() -> AnswerModel.load(folder, DIM)).isInstanceOf(BundleException.class)
                .hasMessageContaining(AnswerVocabulary.FILE).hasMessageContaining("<pad>");
    }

    @Test
    void tooManyEventsOrAWrongWidthIsRefused() {
        SeededAnswerWriter.write(folder, DIM, 1);
        AnswerModel model = AnswerModel.load(folder, DIM).orElseThrow();
        Random r = new Random(8);
        List<AnswerEvidence> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(evidence(r, 2, 1, 0.5));
        }
        assertThatThrownBy(() -> model.answer(question(r), five)).hasMessageContaining("at most 4 events");
        assertThatThrownBy(() -> model.answer(new AnswerQuestion(new float[10], new float[DIM]), List.of()))
                .hasMessageContaining("384-value sentence vector");
    }

    private static int argmaxWord(float[] logits, AnswerVocabulary v) {
        int best = -1;
        for (int i = 0; i < logits.length; i++) {
            String t = v.token(i);
            if (!t.equals(AnswerVocabulary.PAD) && !t.equals(AnswerVocabulary.BOS) && (best < 0 || logits[i] > logits[best])) {
                best = i;
            }
        }
        return best;
    }

    static AnswerQuestion question(Random r) {
        return new AnswerQuestion(values(r, 384), values(r, DIM));
    }

    static AnswerEvidence evidence(Random r, int tokens, int frames, double p) {
        return new AnswerEvidence(values(r, tokens * DIM), tokens, values(r, frames * DIM), frames, DIM, p);
    }

    private static float[] values(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
