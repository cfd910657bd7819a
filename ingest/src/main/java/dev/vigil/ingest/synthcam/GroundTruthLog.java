package dev.vigil.ingest.synthcam;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Appends each synthetic camera's ground truth to {@code <folder>/<camera>.jsonl}, one
 * {@link GroundTruthEvent#toJsonLine()} per line, flushed per event so that a person (or a test) can compare
 * {@code vigil ask} answers with what really happened while the camera runs.
 *
 * <p>Restarts append: event times are absolute, so one file holds every run of the camera.
 */
public final class GroundTruthLog implements GroundTruthSink, AutoCloseable {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GroundTruthLog.class);

    private final Path folder;
    private final Map<String, BufferedWriter> writers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param folder created when missing */
    public GroundTruthLog(Path folder) {
        this.folder = folder;
    }

    /** The file of one camera's log. */
    public Path fileOf(String cameraId) {
        // camera ids are validated elsewhere, but a log file name must never leave the folder
        return folder.resolve(cameraId.replaceAll("[^A-Za-z0-9._-]", "_") + ".jsonl");
    }

    @Override
    public void record(String cameraId, GroundTruthEvent event) {
        if (closed) {
            return;
        }
        BufferedWriter out = writers.computeIfAbsent(cameraId, this::open);
        synchronized (out) {
            try {
                out.write(event.toJsonLine());
                out.newLine();
                out.flush();
            } catch (IOException e) {
                // the camera keeps streaming; only the log for people is affected
                log.warn("cannot append to the ground-truth log {}: {}", fileOf(cameraId), e.toString());
            }
        }
    }

    private BufferedWriter open(String cameraId) {
        try {
            Files.createDirectories(folder);
            return Files.newBufferedWriter(fileOf(cameraId), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the ground-truth log " + fileOf(cameraId), e);
        }
    }

    @Override
    public void close() {
        closed = true;
        writers.values().forEach(w -> {
            synchronized (w) {
                try {
                    w.close();
                } catch (IOException e) {
                    log.warn("closing a ground-truth log: {}", e.toString());
                }
            }
        });
    }
}
