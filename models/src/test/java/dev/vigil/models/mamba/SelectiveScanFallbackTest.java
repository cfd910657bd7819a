package dev.vigil.models.mamba;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM started without {@code --add-modules jdk.incubator.vector} (someone running the jar with plain
 * {@code java -jar}) still gets a working CPU scan: {@link SelectiveScan#forDevice} must not touch
 * {@link VectorSelectiveScan}, which cannot even initialise there.
 */
class SelectiveScanFallbackTest {

    @Test
    void withoutTheVectorModuleTheCpuScanFallsBackToTheCrossover() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ScanChoice.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out.lines().toList()).as(out).contains(CrossoverSelectiveScan.class.getSimpleName());
    }
}
