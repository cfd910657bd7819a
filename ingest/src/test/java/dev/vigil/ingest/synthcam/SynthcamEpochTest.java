package dev.vigil.ingest.synthcam;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.vigil.ingest.SourceFrame;

/** Synthetic event time never lies in the future (Kafka refuses records more than an hour ahead). */
class SynthcamEpochTest {

    private static final Instant NOW = Instant.parse("2026-03-04T10:20:30.456789Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void realTimeStartsNow() {
        assertThat(SynthcamSpec.parse("synthcam://1", CLOCK).epoch()).isEqualTo(Instant.parse("2026-03-04T10:20:30.456Z"));
    }

    @Test
    void fastWithADurationEndsBeforeNow() {
        SynthcamSpec spec = SynthcamSpec.parse("synthcam://1?pace=fast&duration=10m", CLOCK);
        assertThat(spec.epoch()).isEqualTo(Instant.parse("2026-03-04T10:09:30Z"));
        assertThat(spec.timeOf(spec.frameAt(spec.duration()))).isBefore(NOW);
    }

    @Test
    void fastAndEndlessStartsAnHourBack() {
        assertThat(SynthcamSpec.parse("synthcam://1?pace=fast", CLOCK).epoch()).isEqualTo(Instant.parse("2026-03-04T09:20:30Z"));
    }

    @Test
    void anExplicitEpochIsKept() {
        assertThat(SynthcamSpec.parse("synthcam://1?pace=fast&epoch=2025-01-01T00:00:00Z", CLOCK).epoch())
                .isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(SynthcamSpec.parse("synthcam://1?epoch=now", CLOCK).epoch()).isEqualTo(Instant.parse("2026-03-04T10:20:30.456Z"));
    }

    @Test
    void aFastSceneThatCatchesUpWithTheClockWaitsForIt() {
        // Starts 1 s ago at 10 fps: ten frames are in the past, the eleventh is due only a second from now.
        Clock system = Clock.systemUTC();
        Instant epoch = system.instant().minus(Duration.ofSeconds(1));
        SynthcamSpec spec = SynthcamSpec.parse("synthcam://1?pace=fast&density=0&epoch=" + epoch, system);
        try (SynthcamSource source = new SynthcamSource("c", spec, e -> { }, system)) {
            for (int i = 0; i < 12; i++) {
                Optional<SourceFrame> f = source.read();
                assertThat(f).isPresent();
                assertThat(f.get().eventTime()).as("frame %d", i).isBeforeOrEqualTo(system.instant());
            }
        }
    }
}
