package dev.vigil.ingest.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The watchdog's deadline: latches once passed, reports the trip once, and a cancel interrupts at once. */
class ReadDeadlineTest {

    @Test
    void aPassedDeadlineStaysPassedUntilRearmedAndReportsOnce() throws Exception {
        AtomicInteger trips = new AtomicInteger();
        ReadDeadline d = new ReadDeadline(trips::incrementAndGet);
        assertThat(d.call(null)).as("no deadline yet").isZero();
        d.extend(Duration.ofMillis(1));
        Thread.sleep(5);
        assertThat(d.call(null)).isEqualTo(1);
        d.extend(Duration.ofHours(1)); // a picture FFmpeg flushed while giving up must not revive the connection
        assertThat(d.call(null)).isEqualTo(1);
        assertThat(d.tripped()).isTrue();
        assertThat(trips).hasValue(1);
        d.rearm(Duration.ofHours(1)); // a new reading phase
        assertThat(d.call(null)).isZero();
        d.cancel();
        assertThat(d.call(null)).isEqualTo(1);
        assertThat(d.cancelled()).isTrue();
        assertThat(d.tripped()).isFalse();
        d.close();
    }
}
