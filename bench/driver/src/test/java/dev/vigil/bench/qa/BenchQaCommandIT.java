package dev.vigil.bench.qa;

import dev.vigil.training.answer.QaScene;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.testkit.RealCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short {@code vigil bench qa}: one held-out 60 s scene streamed through the real pipeline on the tests' cluster,
 * with the committed bundle, asked about what appeared and what never did through the API's answering path.
 * The committed bundle ships the built-in answer model, so it writes the answers. Asserts the answers' behaviour,
 * not the model's scores (those are the bench's to report): an answer without events says "not seen" in the
 * window, every answer cites only times inside its events (or the window's bounds), and each has the reference
 * it is scored against.
 */
@RealCluster
class BenchQaCommandIT {
    static final Path BUNDLE = Path.of("..", "..", "models", "bundles", "synthcam-tiny");

    @TempDir
    Path dir;

    private final ClusterEndpoints cluster;

    BenchQaCommandIT(ClusterEndpoints cluster) {
        this.cluster = cluster;
    }

    @Test
    void answersAboutWhatAppearedAndWhatNeverDidCiteOnlyTheirEvents() throws Exception {
        Path out = dir.resolve("qa");
        int code = new CommandLine(new BenchQaCommand()).execute("--scenes", "1", "--seconds", "60", "--absent", "4",
                "--bundle", BUNDLE.toString(), "--kafka", cluster.bootstrapServers(), "--registry", cluster.registryUrl(),
                "--data", dir.resolve("data").toString(), "--out", out.toString());
        assertThat(code).isZero();

        JsonNode report = new ObjectMapper().readTree(out.resolve("qa.json").toFile());
        System.out.println("vigil bench qa, one 60 s scene: " + report.path("summary"));
        assertThat(report.path("bundle").asText()).isEqualTo("synthcam-tiny");
        assertThat(report.path("notMeasured").size()).as("what cannot be measured yet is said").isPositive();
        JsonNode questions = report.path("questions");
        // the six planted objects have distinct kinds and colours, so at least six subjects appeared
        assertThat(report.path("summary").path("objectQuestions").asInt()).isGreaterThanOrEqualTo(QaScene.PLANTED);
        assertThat(report.path("summary").path("absentQuestions").asInt()).isEqualTo(4);
        // temporal questions for the subjects that came once: when they arrived (every one that was not there at 0 s)
        assertThat(report.path("summary").path("arriveQuestions").asInt()).isPositive();
        JsonNode answers = report.path("summary").path("answers");
        assertThat(answers.path("questions").asInt()).as("the answer model answered every question")
                .isEqualTo(questions.size());
        assertThat(answers.path("exactByType").has("count")).as("counting questions are asked").isTrue();
        assertThat(answers.path("exactByType").has("colour")).as("colour questions are asked").isTrue();
        for (JsonNode q : questions) {
            String answer = q.path("answer").asText();
            assertThat(q.path("citesOnlyEvents").asBoolean()).as("cites only its events: " + answer).isTrue();
            assertThat(answer).as("no slot reaches the text").doesNotContain("<").doesNotContain("?");
            assertThat(q.path("reference").asText()).as("scored against a reference").isNotEmpty();
            if (q.path("notSeen").asBoolean()) {
                assertThat(q.path("events").size()).isZero();
                assertThat(answer).as(q.path("question").asText())
                        .matches("(?s).*not seen.*|^(No \\S+|Nothing matching) was seen .*")
                        .as("in the window asked about, the scene").containsPattern("between \\S+Z and \\S+Z");
            }
            if (q.path("type").asText().equals("absent")) {
                assertThat(q.path("truth").size()).isZero();
            } else {
                assertThat(q.path("truth").size()).isPositive();
            }
        }
        JsonNode bins = report.path("reliability");
        assertThat(bins.size()).isEqualTo(10);
        long moments = 0;
        for (JsonNode b : bins) {
            moments += b.path("moments").asLong();
            assertThat(b.path("matching").asLong()).isBetween(0L, b.path("moments").asLong());
        }
        assertThat(moments).as("every question's scored moments are binned").isPositive();
        assertThat(ImageIO.read(out.resolve("qa-scores.png").toFile()).getWidth()).isEqualTo(720);
    }
}
