package dev.vigil.cli;

import dev.vigil.ingest.camera.CameraSnapshot;
import dev.vigil.ingest.camera.IngestNode;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Progress of the finite cameras of {@code vigil ingest} (files, fixed-length synthetic scenes): one bar line per
 * camera whenever it has moved on by a few percent, and once when it ends. Live cameras print nothing here.
 */
final class IngestProgress {
    private static final int WIDTH = 30;
    private static final double STEP = 0.05;

    private final IngestNode node;
    private final PrintStream out;
    private final Map<String, Double> shown = new HashMap<>();

    IngestProgress(IngestNode node, PrintStream out) {
        this.node = node;
        this.out = out;
    }

    void report() {
        for (CameraSnapshot c : node.cameras()) {
            if (Double.isNaN(c.progress())) {
                continue;
            }
            double last = shown.getOrDefault(c.id(), -1.0);
            boolean ended = !c.running();
            if (c.progress() - last >= STEP || (ended && last < 1.0 && c.progress() >= last)) {
                double p = ended ? Math.max(c.progress(), last) : c.progress();
                int filled = (int) Math.round(p * WIDTH);
                out.printf(Locale.ROOT, "%s [%s%s] %3.0f%%  %,d frames sent, %,d dropped%s%n", c.id(), "#".repeat(filled),
                        ".".repeat(WIDTH - filled), p * 100, c.framesProduced(), c.framesDropped(),
                        ended ? " (" + c.state().phase().name().toLowerCase(Locale.ROOT) + ")" : "");
                shown.put(c.id(), ended ? 1.0 : p);
            }
        }
        out.flush();
    }
}
