package dev.vigil.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A copy of the repository's synthcam-tiny bundle (its trained towers and MiniLM text side) without any answer
 * model, so that a test can write a seeded one beside it without touching the repository, whether or not the
 * shipped bundle has one.
 */
final class ShippedBundleCopy {
    private ShippedBundleCopy() {
    }

    /** Copies the bundle into {@code target} (created), leaving out {@code answer*} files. */
    static Path into(Path target) throws IOException {
        Path shipped = BundleLocation.resolve(Optional.empty(), target.resolveSibling(target.getFileName() + "-data"));
        assertThat(shipped.resolve("bundle.json")).as("the synthcam-tiny bundle of the repository").exists();
        assertThat(shipped.toString()).as("the trained bundle, not an untrained stand-in").doesNotContain("untrained");
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(shipped)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().startsWith("answer")) {
                    Files.copy(f, target.resolve(f.getFileName()));
                }
            }
        }
        return target;
    }
}
