package dev.vigil.models.runtime;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM started without {@code --add-modules jdk.incubator.vector} (someone running the jar with plain
 * {@code java -jar}) still works: the CPU kernels that need the Vector API ({@code VectorSelectiveScan},
 * {@code SimdGeluTanh}) cannot even initialise there, so nothing may touch them and the tensor paths run instead.
 */
class VectorApiFallbackTest {

    @Test
    void theCpuScanFallsBackToTheCrossover() throws Exception {
        List<String> out = runWithoutVectorApi("dev.vigil.models.mamba.ScanChoice");
        assertThat(out).contains("CrossoverSelectiveScan");
    }

    @Test
    void geluTanhFallsBackToTensorOps() throws Exception {
        List<String> out = runWithoutVectorApi("dev.vigil.models.siglip.GeluWithoutVectorApi");
        String line = out.stream().filter(l -> l.startsWith("max error ")).findFirst().orElseThrow(
                () -> new AssertionError("no result line in " + out));
        assertThat(Double.parseDouble(line.substring("max error ".length()))).isLessThan(1e-5);
    }

    private static List<String> runWithoutVectorApi(String mainClass) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), mainClass)
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).as("the child JVM must not have the module").doesNotContain("incubator");
        return out.lines().toList();
    }
}
