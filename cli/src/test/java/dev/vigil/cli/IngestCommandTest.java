package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** A bad frame watchdog setting is refused at start, with a message that says what to fix. */
class IngestCommandTest {

    private static String refused(String stallAfter) {
        PrintStream before = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new IngestCommand()).execute("--kafka", "127.0.0.1:1", "--registry",
                    "http://127.0.0.1:1", "--stall-after", stallAfter);
            assertThat(code).isEqualTo(2);
        } finally {
            System.setErr(before);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aWatchdogBelowHalfASecondOrNotADurationIsRefused() {
        assertThat(refused("100ms")).contains("stallAfter").contains("at least 500 ms").contains("100 ms");
        assertThat(refused("soon")).contains("--stall-after must be a duration");
    }
}
