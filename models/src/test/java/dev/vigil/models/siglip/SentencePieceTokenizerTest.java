package dev.vigil.models.siglip;

import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.bundle.SeededBundleWriter;
import dev.vigil.models.runtime.DeviceSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code spiece.model} tokenizers, as the original SigLIP checkpoints ship them, checked against SentencePiece's own
 * command-line encoder on a small model trained here with Debian's {@code spm_train}.
 */
class SentencePieceTokenizerTest {
    private static final Path SPM_TRAIN = Path.of("/usr/bin/spm_train");
    private static final Path SPM_ENCODE = Path.of("/usr/bin/spm_encode");

    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void trainATinySentencePieceModel() throws Exception {
        assertThat(SPM_TRAIN).as("Debian's sentencepiece package (apt-get install sentencepiece; .ci/run installs it)")
                .isExecutable();
        List<String> corpus = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            corpus.addAll(List.of("a red car", "a car at a red door", "red red car at dart"));
        }
        Files.write(dir.resolve("corpus.txt"), corpus, StandardCharsets.UTF_8);
        // </s> = 1 and <pad> = 0 as in SigLIP's tokenizer; 12 pieces so ids fit the toy text tower's vocabulary.
        run(SPM_TRAIN.toString(), "--input=corpus.txt", "--model_prefix=spiece", "--vocab_size=12", "--pad_id=0",
                "--eos_id=1", "--unk_id=2", "--bos_id=-1", "--character_coverage=1.0", "--hard_vocab_limit=false");
        model = dir.resolve("spiece.model");
    }

    @Test
    void idsMatchSentencePiecesOwnEncoderAfterSiglipTextPreparation() throws Exception {
        long[] expected = idsOf(run(SPM_ENCODE.toString(), "--model=" + model, "--output_format=id",
                "--input=" + write("a red car at the door")).strip().split("\\s+"));

        try (SentencePieceTokenizer tokenizer = new SentencePieceTokenizer(model)) {
            long[] ids = tokenizer.encode("A red car,   at the DOOR!", 64);

            assertThat(Arrays.copyOf(ids, ids.length - 1)).containsExactly(expected);
            assertThat(ids[ids.length - 1]).as("closing </s>").isEqualTo(1);
            assertThat(tokenizer.encode("a red car at the door", 4)).hasSize(4).endsWith(1L);
            assertThat(tokenizer.idOf("</s>")).hasValue(1);
            assertThat(tokenizer.idOf("nonsense-piece")).isEmpty();
        }
    }

    @Test
    void aSiglipFolderWithOnlySpieceModelGetsItsTextSide() throws Exception {
        Path folder = new SeededBundleWriter(SeededBundleWriter.Shape.tiny(), 3).withText().writeTo(dir.resolve("spiece-bundle"));
        Files.delete(folder.resolve("tokenizer.json"));
        Files.copy(model, folder.resolve("spiece.model"));

        try (ModelBundle bundle = ModelBundle.load(folder, DeviceSpec.cpu())) {
            assertThat(bundle.text()).as(bundle.textUnavailableReason()).isPresent();
        }
    }

    private static long[] idsOf(String[] ids) {
        return Arrays.stream(ids).mapToLong(Long::parseLong).toArray();
    }

    private static Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("input-" + System.nanoTime() + ".txt"), text + "\n");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        // stderr to a file: spm_train logs a lot there, and an unread pipe would block it.
        Path log = dir.resolve("spm-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectError(log.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        assertThat(code).as(String.join(" ", command) + ": " + Files.readString(log)).isZero();
        return out;
    }
}
