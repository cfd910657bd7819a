package dev.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** The measured rate and age follow the frames that actually came, on an injected clock. */
class FrameFlowTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T10:00:00.250Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void rateIsWhatCameOverTheLastTenSecondsAndAgeGrowsWhenFramesStop() {
        ManualClock clock = new ManualClock();
        FrameFlow flow = new FrameFlow(clock);
        assertThat(flow.framesInPerSecond()).isZero();
        assertThat(flow.newestFrameAge()).isEmpty();
        for (int i = 0; i < 150; i++) { // 15 s at 10 fps
            flow.frameIn();
            flow.frameOut(clock.instant().minusMillis(200));
            clock.advance(Duration.ofMillis(100));
        }
        assertThat(flow.framesInPerSecond()).isCloseTo(10, within(1.0));
        assertThat(flow.newestFrameAge()).contains(Duration.ofMillis(300));
        for (int i = 0; i < 10; i++) { // then 5 s at 2 fps: the window holds 5 s of each
            flow.frameIn();
            clock.advance(Duration.ofMillis(500));
        }
        assertThat(flow.framesInPerSecond()).as("(50 + 10) frames over the 10 s window").isCloseTo(6, within(0.7));
        clock.advance(Duration.ofSeconds(20)); // nothing for 20 s
        assertThat(flow.framesInPerSecond()).isZero();
        assertThat(flow.newestFrameAge().orElseThrow()).isGreaterThan(Duration.ofSeconds(20));
    }
}
