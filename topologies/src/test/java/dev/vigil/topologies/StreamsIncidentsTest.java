package dev.vigil.topologies;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class StreamsIncidentsTest {
    private Instant now = Instant.parse("2026-12-01T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final StreamsIncidents incidents = new StreamsIncidents("vigil-clips", clock, Duration.ofMinutes(5), 3);

    @Test
    void aThreadReplacedNowAndThenIsNoLoop() {
        incidents.threadReplaced(new IllegalStateException("one"));
        now = now.plus(Duration.ofMinutes(4));
        incidents.threadReplaced(new IllegalStateException("two"));
        now = now.plus(Duration.ofMinutes(4));
        incidents.threadReplaced(new IllegalStateException("three"));

        assertThat(incidents.looping()).isNull();
    }

    @Test
    void threeReplacementsWithinTheWindowAreALoopNamingTheApplicationAndTheLastFailure() {
        for (int i = 0; i < 3; i++) {
            incidents.threadReplaced(new IllegalStateException("broker refused clip " + i));
            now = now.plusSeconds(20);
        }

        assertThat(incidents.looping()).contains("vigil-clips is looping").contains("3 stream threads")
                .contains("broker refused clip 2");

        now = now.plus(Duration.ofMinutes(6));
        assertThat(incidents.looping()).as("the loop ended: the window has passed").isNull();
    }

    @Test
    void skippedRecordsAreCountedButAreNoLoop() {
        incidents.recordSkipped(new RuntimeException("too large"));
        incidents.recordSkipped(new RuntimeException("too large"));

        assertThat(incidents.skippedRecords()).isEqualTo(2);
        assertThat(incidents.looping()).isNull();
    }
}
