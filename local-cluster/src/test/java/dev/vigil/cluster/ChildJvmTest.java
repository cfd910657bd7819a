package dev.vigil.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChildJvmTest {

    /** What the child runs: proves its class path resolved by being loaded at all. */
    public static final class Hello {
        public static void main(String[] args) {
            System.out.println("hello from " + args[0]);
        }
    }

    @Test
    void aRelativeClassPathStillResolvesInTheChildsOwnWorkingDirectory(@TempDir Path elsewhere) throws Exception {
        // Maven runs tests in the module folder: this entry is relative to it, as "java -jar cli/target/vigil-cli.jar"
        // is relative to wherever the user stands.
        Path relative = Path.of("target", "test-classes");
        assertThat(relative).isDirectory();
        Path log = elsewhere.resolve("child.log");

        ChildJvm child = ChildJvm.start("hello", List.of(relative.toString()), List.of("-Xmx32m"), Hello.class.getName(),
                List.of("the child"), elsewhere, log);

        assertThat(child.waitFor(Duration.ofSeconds(60))).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log)).contains("hello from the child");
    }
}
