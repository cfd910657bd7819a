package dev.vigil.bench.niah;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NiahReportTest {

    private static NeedleResult needle(double depth, boolean hit, int colourChosen) {
        List<NeedleResult.Evidence> evidence = List.of(new NeedleResult.Evidence(8, 11, 0, 0.19, hit),
                new NeedleResult.Evidence(400, 591, 2, 0.05, false));
        return new NeedleResult(1000, depth, "red car", "when did a scarlet auto show up?", 10, 20, evidence, hit, hit, new NeedleResult.Choice("colour?", List.of("a", "b", "c", "d"), 1, colourChosen),
                new NeedleResult.Choice("kind?", List.of("a", "b", "c", "d"), 2, 2), 3.5);
    }

    @Test
    void theReportReadsBackAsWrittenSoTheHeatMapCanBeRedrawn(@TempDir Path dir) throws Exception {
        HaystackResult run = new HaystackResult(1000, 1, "synthcam://1", List.of(needle(0, true, 1), needle(0.5, false, 0)),
                List.of(needle(0, true, 1), needle(0.5, true, 1)), List.of(needle(0, false, 1), needle(0.5, true, 0)),
                12.5, 4096, List.of(60, 12, 3));
        NiahReport report = new NiahReport();

        report.write(dir, "synthcam-tiny", List.of(run), "vigil bench niah");
        List<HaystackResult> back = report.read(dir.resolve("niah.json"));

        assertThat(back).hasSize(1);
        assertThat(back.get(0).needles()).isEqualTo(run.needles());
        assertThat(back.get(0).control()).isEqualTo(run.control());
        assertThat(back.get(0).plain()).isEqualTo(run.plain());
        assertThat(back.get(0).entriesByTier()).containsExactly(60, 12, 3);
        assertThat(back.get(0).streamSeconds()).isEqualTo(12.5);
        assertThat(back.get(0).top1()).isEqualTo(0.5);
        assertThat(HaystackResult.top1(back.get(0).control())).isEqualTo(1.0);
        assertThat(back.get(0).multipleChoice()).isEqualTo(0.75);
        assertThat(dir.resolve("niah-heatmap.png")).isNotEmptyFile();
    }
}
