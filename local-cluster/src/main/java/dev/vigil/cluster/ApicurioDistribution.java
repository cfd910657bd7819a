package dev.vigil.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Apicurio Registry server, as Maven Central ships it ({@code io.apicurio:apicurio-registry-app:VERSION:zip:all}),
 * unpacked once into a cache folder.
 *
 * <p>The artifact's parent POM is not on Maven Central, so it cannot be an ordinary dependency; only
 * {@code maven-dependency-plugin:2.8:get -Dtransitive=false} fetches it. If it is not in the local Maven
 * repository yet, this class runs exactly that (Maven is a prerequisite of vigil anyway).
 */
public final class ApicurioDistribution {
    private static final Logger log = LoggerFactory.getLogger(ApicurioDistribution.class);
    public static final String DEFAULT_VERSION = "3.0.9";

    private final String version;
    private final Path mavenRepository;
    private final Path cacheDir;

    /**
     * @param mavenRepository the local Maven repository ({@code ~/.m2/repository} unless configured otherwise)
     * @param cacheDir        where unpacked distributions are kept between runs
     */
    public ApicurioDistribution(String version, Path mavenRepository, Path cacheDir) {
        this.version = version;
        this.mavenRepository = mavenRepository;
        this.cacheDir = cacheDir;
    }

    /** The default version, the user's Maven repository, and {@code ~/.cache/vigil} (or {@code $VIGIL_CACHE}). */
    public static ApicurioDistribution defaults() {
        String home = System.getProperty("user.home");
        Path repo = Optional.ofNullable(System.getProperty("maven.repo.local")).map(Path::of)
                .orElse(Path.of(home, ".m2", "repository"));
        Path cache = Optional.ofNullable(System.getenv("VIGIL_CACHE")).map(Path::of)
                .orElse(Path.of(home, ".cache", "vigil"));
        return new ApicurioDistribution(DEFAULT_VERSION, repo, cache);
    }

    /** The runner jar of the unpacked distribution, fetching and unpacking it first if needed. */
    public Path runnerJar() {
        Path dir = cacheDir.resolve("apicurio-registry-" + version);
        Path runner = dir.resolve("apicurio-registry-app-" + version + "-runner.jar");
        if (Files.exists(runner)) {
            return runner;
        }
        Path zip = zip();
        if (!Files.exists(zip)) {
            fetch();
        }
        unpack(zip, dir);
        if (!Files.exists(runner)) {
            throw new IllegalStateException(zip + " does not contain " + runner.getFileName());
        }
        return runner;
    }

    private Path zip() {
        return mavenRepository.resolve(Path.of("io", "apicurio", "apicurio-registry-app", version,
                "apicurio-registry-app-" + version + "-all.zip"));
    }

    private void fetch() {
        String artifact = "io.apicurio:apicurio-registry-app:" + version + ":zip:all";
        log.info("fetching Apicurio Registry {} from Maven Central once (about 110 MB)", version);
        List<String> command = List.of("mvn", "-B", "-q",
                "org.apache.maven.plugins:maven-dependency-plugin:2.8:get",
                "-Dartifact=" + artifact, "-Dtransitive=false",
                "-Dmaven.repo.local=" + mavenRepository);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            if (!process.waitFor(Duration.ofMinutes(15).toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("fetching " + artifact + " took more than 15 minutes");
            }
            if (process.exitValue() != 0 || !Files.exists(zip())) {
                throw new IllegalStateException("could not fetch " + artifact + " with Maven (exit "
                        + process.exitValue() + "); run: " + String.join(" ", command));
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run Maven to fetch " + artifact
                    + " (is mvn on the PATH?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching " + artifact, e);
        }
    }

    /** Unpacks into a temporary sibling, then renames, so a half-unpacked folder is never used. */
    private static void unpack(Path zip, Path dir) {
        try {
            Files.createDirectories(dir.getParent());
            Path tmp = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".part");
            try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
                for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                    Path target = tmp.resolve(entry.getName()).normalize();
                    if (!target.startsWith(tmp)) {
                        throw new IOException("zip entry escapes the target folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(entries, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                if (!Files.exists(dir)) {
                    throw raced; // otherwise another process unpacked it first, which is just as good
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack " + zip + " into " + dir + ": " + e.getMessage(), e);
        }
    }
}
