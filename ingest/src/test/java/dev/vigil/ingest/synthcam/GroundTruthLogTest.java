package dev.vigil.ingest.synthcam;

import dev.vigil.ingest.CameraSource;
import dev.vigil.ingest.CameraSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GroundTruthLogTest {

    private static final String URL = "synthcam://5?pace=fast&duration=40s&density=20&epoch=2025-01-01T00:00:00Z";

    /** Reads a synthetic camera to its end through the sources {@code vigil up} uses. */
    private static void readToEnd(CameraSources sources, String camera) {
        try (CameraSource source = sources.open(camera, URL)) {
            while (source.read().isPresent()) {
                // frames are not the point here
            }
        }
    }

    @Test
    void eachSyntheticCameraGetsItsOwnFileWithEveryEventInOrder(@TempDir Path dir) throws Exception {
        List<String> seen = new ArrayList<>();
        try (GroundTruthLog log = new GroundTruthLog(dir.resolve("ground-truth"))) {
            GroundTruthSink both = log.andThen((camera, e) -> seen.add(camera + " " + e.toJsonLine()));
            CameraSources sources = CameraSources.standard(Clock.systemUTC(), both);
            readToEnd(sources, "cam-a");
            readToEnd(sources, "cam-b");
        }
        List<String> a = Files.readAllLines(dir.resolve("ground-truth/cam-a.jsonl"));
        List<String> b = Files.readAllLines(dir.resolve("ground-truth/cam-b.jsonl"));
        assertThat(a).isNotEmpty().allMatch(line -> line.startsWith("{\"time\":\""));
        // the same seed gives the same scene, and each file has exactly its camera's events
        assertThat(b).isEqualTo(a);
        assertThat(seen).hasSize(a.size() + b.size());
        assertThat(seen.subList(0, a.size())).allMatch(s -> s.startsWith("cam-a "))
                .extracting(s -> s.substring("cam-a ".length())).isEqualTo(a);
    }

    @Test
    void restartsAppendAndCameraIdsCannotLeaveTheFolder(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("gt");
        try (GroundTruthLog log = new GroundTruthLog(folder)) {
            readToEnd(CameraSources.standard(Clock.systemUTC(), log), "x");
        }
        long first = Files.readAllLines(folder.resolve("x.jsonl")).size();
        try (GroundTruthLog log = new GroundTruthLog(folder)) {
            readToEnd(CameraSources.standard(Clock.systemUTC(), log), "x");
            assertThat(log.fileOf("../../etc/passwd").getParent()).isEqualTo(folder);
        }
        assertThat(Files.readAllLines(folder.resolve("x.jsonl"))).hasSize((int) (2 * first));
    }
}
