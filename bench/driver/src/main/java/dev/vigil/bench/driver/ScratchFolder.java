package dev.vigil.bench.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where a benchmark keeps its embedded cluster and Streams state: the folder the user gave (kept afterwards), or
 * a temporary one deleted on {@link #close()}.
 */
public final class ScratchFolder implements AutoCloseable {
    private final Path path;
    private final boolean temporary;

    private ScratchFolder(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /**
     * @param given  the user's folder, or {@code null} for a temporary one
     * @param prefix name prefix of a temporary folder
     */
    public static ScratchFolder of(Path given, String prefix) throws IOException {
        return given != null ? new ScratchFolder(given.toAbsolutePath(), false)
                : new ScratchFolder(Files.createTempDirectory(prefix), true);
    }

    public Path path() {
        return path;
    }

    /** Deletes a temporary folder, best effort (a temp folder left behind is harmless). */
    @Override
    public void close() {
        if (!temporary) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort, see above
        }
    }
}
