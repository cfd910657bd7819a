package dev.vigil.app;

import dev.vigil.models.bundle.SeededBundleWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the model bundle {@code vigil up} runs: the one configured, else the built-in {@code synthcam-tiny}
 * that ships in the repository ({@code models/bundles/synthcam-tiny}, looked up from the working folder and
 * from where the vigil jar lives).
 */
public final class BundleLocation {
    private static final Logger log = LoggerFactory.getLogger(BundleLocation.class);
    public static final String BUILT_IN = "synthcam-tiny";

    private BundleLocation() {
    }

    /**
     * @param configured a bundle folder the user named, if any
     * @param dataDir    where an untrained stand-in is written when no trained bundle exists
     */
    public static Path resolve(Optional<Path> configured, Path dataDir) {
        if (configured.isPresent()) {
            Path bundle = configured.get();
            if (!Files.isDirectory(bundle)) {
                throw new IllegalArgumentException("model bundle " + bundle + " is not a folder");
            }
            return bundle;
        }
        for (Path candidate : candidates()) {
            if (Files.isRegularFile(candidate.resolve("bundle.json"))) {
                return candidate;
            }
        }
        Path standIn = dataDir.resolve("models").resolve("untrained-" + BUILT_IN);
        if (!Files.isRegularFile(standIn.resolve("bundle.json"))) {
            new SeededBundleWriter(SeededBundleWriter.Shape.synthcamTiny(), 1).writeTo(standIn);
        }
        log.warn("no trained {} bundle found (looked in {}); running an UNTRAINED stand-in from {}: the pipeline works, "
                + "but answers are meaningless until the built-in model is trained", BUILT_IN, candidates(), standIn);
        return standIn;
    }

    private static List<Path> candidates() {
        List<Path> paths = new ArrayList<>();
        paths.add(Path.of("models", "bundles", BUILT_IN).toAbsolutePath());
        try {
            // The jar sits at <module>/target/lib/vigil-app.jar in a program's layout (cli, bench/driver, training) and
            // at app/target/classes in a build: the repository is a few folders up from either.
            Path code = Path.of(BundleLocation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = code.getParent();
            for (int up = 0; dir != null && up < 4; up++, dir = dir.getParent()) {
                paths.add(dir.resolve("models").resolve("bundles").resolve(BUILT_IN));
            }
        } catch (URISyntaxException | SecurityException ignored) {
            // no code location: the working-folder candidate is all there is
        }
        return paths;
    }
}
