package dev.vigil.bench.driver;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vigil.bench.niah.NiahResults;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every committed result file loads into its record and the page renders from them. The records are read strictly
 * here (unknown properties fail), so renaming a record component without rewriting the files fails this test
 * rather than silently rendering zeros; the report itself reads leniently.
 */
class CommittedBenchFilesTest {
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private static Path docs() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("docs/bench"))) {
                return p.resolve("docs");
            }
        }
        throw new IllegalStateException("no docs/bench above " + Path.of("").toAbsolutePath());
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void everyBenchFileLoadsIntoItsRecord() throws Exception {
        List<Path> files = jsonFiles(docs().resolve("bench"));
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            JsonNode tree = STRICT.readTree(file.toFile());
            String name = file.getFileName().toString();
            if (name.endsWith(".meta.json")) {
                JmhResult.Meta meta = STRICT.treeToValue(tree, JmhResult.Meta.class);
                assertThat(meta.command()).as(name).isNotBlank();
                continue;
            }
            Object report = BenchReport.Input.read(new BenchJson(), file).report();
            switch (tree.isArray() ? "jmh" : tree.path("kind").asText()) {
                case "e2e" -> {
                    E2eReport e2e = STRICT.treeToValue(tree, E2eReport.class);
                    assertThat(report).as(name).isEqualTo(e2e);
                    assertThat(e2e.trials()).as(name).isNotEmpty().allSatisfy(t -> {
                        assertThat(t.cameras()).isPositive();
                        assertThat(t.pace()).isIn("realtime", "fast");
                        assertThat(t.ingestToQueryableMs()).isNotNull();
                        assertThat(t.memory()).isNotNull();
                    });
                    assertThat(e2e.machine().date()).as(name).isNotBlank();
                }
                case "encoder" -> {
                    EncoderReport encoder = STRICT.treeToValue(tree, EncoderReport.class);
                    assertThat(report).as(name).isEqualTo(encoder);
                    assertThat(encoder.batches()).as(name).isNotEmpty()
                            .allSatisfy(b -> assertThat(b.framesPerSecond()).isPositive());
                    assertThat(encoder.gemm().flopsPerSecond()).as(name).isPositive();
                }
                case "jmh" -> {
                    // JMH writes far more than the report reads: the record is a subset, checked field by field
                    List<JmhResult> results = ((BenchReport.JmhResults) report).results();
                    assertThat(results).as(name).isNotEmpty().allSatisfy(r -> {
                        assertThat(r.benchmark()).startsWith("dev.vigil.");
                        assertThat(r.mode()).isNotBlank();
                        assertThat(r.primaryMetric().scoreUnit()).isNotBlank();
                    });
                }
                default -> throw new AssertionError(name + ": a result file of unknown kind");
            }
        }
    }

    @Test
    void theNiahFileLoadsIntoItsRecord() throws Exception {
        Path file = docs().resolve("niah/niah.json");
        NiahResults niah = STRICT.readValue(file.toFile(), NiahResults.class);
        assertThat(niah.sizes()).isNotEmpty().allSatisfy(s -> {
            assertThat(s.frames()).isPositive();
            assertThat(s.needles()).isNotEmpty().allSatisfy(n -> assertThat(n.colourChoice().options()).hasSize(4));
        });
        assertThat(new BenchJson().read(file, NiahResults.class)).isEqualTo(niah);
        assertThat(new dev.vigil.bench.niah.NiahReport().read(file)).hasSameSizeAs(niah.sizes());
    }

    @Test
    void thePageRendersFromEveryCommittedFile() throws Exception {
        List<BenchReport.Input> inputs = jsonFiles(docs().resolve("bench")).stream()
                .filter(f -> !f.getFileName().toString().endsWith(".meta.json"))
                .map(f -> BenchReport.Input.read(new BenchJson(), f)).toList();
        String page = new BenchReport(inputs, "bench", "").render("r");
        for (BenchReport.Input in : inputs) {
            assertThat(page).contains("### " + in.file().getFileName());
        }
        assertThat(page).doesNotContain("NaN").doesNotContain("null");
    }
}
