package dev.vigil.ingest.ffmpeg;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Finds OpenCV's sample video {@code vtest.avi} (Debian package {@code opencv-doc}), decompressing it into
 * {@code tempDir} when the package ships it gzipped. Fails (never skips) when it is missing.
 */
final class VtestFile {

    private static final List<String> CANDIDATES = List.of(
            "/usr/share/doc/opencv-doc/examples/data/vtest.avi",
            "/usr/share/doc/opencv-doc/examples/data/vtest.avi.gz",
            "/usr/share/opencv4/samples/data/vtest.avi");

    private VtestFile() {
    }

    static Path locate(Path tempDir) throws IOException {
        String override = System.getProperty("vigil.vtest");
        for (String c : override != null ? List.of(override) : CANDIDATES) {
            Path p = Path.of(c);
            if (!Files.isRegularFile(p)) {
                continue;
            }
            if (!c.endsWith(".gz")) {
                return p;
            }
            Path out = tempDir.resolve("vtest.avi");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            }
            return out;
        }
        return fail("vtest.avi not found (looked in " + CANDIDATES + "): install it with "
                + "'apt-get install -y opencv-doc' (the CI script does), or point -Dvigil.vtest=<path> at it");
    }
}
