package dev.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SmallPartsTest {

    @Test
    void backoffGrowsIsCappedJitteredAndReproducibleForASeed() {
        ExponentialBackoff a = new ExponentialBackoff(Duration.ofMillis(100), Duration.ofSeconds(2), 2, 0.2, 0,
                new SplittableRandom(5));
        ExponentialBackoff b = new ExponentialBackoff(Duration.ofMillis(100), Duration.ofSeconds(2), 2, 0.2, 0,
                new SplittableRandom(5));
        for (int attempt = 1; attempt <= 12; attempt++) {
            Duration d = a.delay(attempt);
            assertThat(d).isEqualTo(b.delay(attempt));
            double nominal = Math.min(100 * Math.pow(2, attempt - 1), 2000);
            assertThat(d.toMillis()).isBetween((long) (nominal * 0.8) - 1, Math.min(2000, (long) (nominal * 1.2) + 1));
        }
        assertThat(a.allows(1_000_000)).isTrue();
        ExponentialBackoff limited = new ExponentialBackoff(Duration.ZERO, Duration.ZERO, 1, 0, 3, new SplittableRandom(1));
        assertThat(limited.allows(3)).isTrue();
        assertThat(limited.allows(4)).isFalse();
    }

    @Test
    void redactedUrlNeverPrintsCredentials() {
        RedactedUrl u = new RedactedUrl("rtsp://admin:s3cret@10.0.0.5:554/stream?token=abc&x=1");
        assertThat(u.toString()).isEqualTo("rtsp://***@10.0.0.5:554/stream?token=***&x=1");
        assertThat(u.scheme()).isEqualTo("rtsp");
        assertThat(u.secretValue()).contains("s3cret");
        assertThat(u.scrub("could not open rtsp://admin:s3cret@10.0.0.5:554/stream?token=abc&x=1: refused"))
                .doesNotContain("s3cret").doesNotContain("abc");
        assertThat(new RedactedUrl("/videos/a.mp4").scheme()).isEmpty();
        // a password with '@' (raw or %40) never leaks, not even half of it, not even quoted without its URL
        RedactedUrl at = new RedactedUrl("rtsp://admin:p@ss%40w0rd@10.0.0.5/stream?password=q1");
        assertThat(at.toString()).isEqualTo("rtsp://***@10.0.0.5/stream?password=***");
        assertThat(at.scrub("auth failed for admin with p@ss@w0rd; url rtsp://admin:p@ss%40w0rd@10.0.0.5/stream?password=q1"))
                .doesNotContain("p@ss").doesNotContain("w0rd").doesNotContain("q1");
        assertThat(RedactedUrl.redact("opening rtsp://a:b@c@host/x failed")).isEqualTo("opening rtsp://***@host/x failed");
    }

    @Test
    void liveClockIsAnchoredOncePerConnectionAndNeverRestampsAStalePicture() {
        Instant now = Instant.parse("2025-01-01T10:00:00Z");
        PresentationClock c = new PresentationClock(Duration.ofSeconds(10), true);
        c.anchorAt(null);
        assertThat(c.map(5_000_000, now)).contains(now);
        assertThat(c.map(5_100_000, now.plusMillis(150))).contains(now.plusMillis(100));
        assertThat(c.map(5_100_000, now.plusSeconds(10))).isEmpty(); // the same picture again, 10 s later
        assertThat(c.map(4_900_000, now.plusSeconds(20))).isEmpty(); // a stale one, flushed after a stall
        // A server that paused for 25 s goes on with later timestamps: placed by them, not by arrival.
        assertThat(c.map(30_100_000, now.plusSeconds(27))).contains(now.plusMillis(25_100));
        // A time that would lie in the future moves the anchor back to the wall clock.
        assertThat(c.map(40_100_000, now.plusSeconds(30))).contains(now.plusSeconds(30));
        assertThat(c.map(40_200_000, now.plusSeconds(31))).contains(now.plusMillis(30_100));
        // A new connection anchors afresh, still after the last time handed out.
        c.anchorAt(null);
        Instant later = now.plusSeconds(40);
        assertThat(c.map(0, later)).contains(later);
        assertThat(c.map(100_000, later.plusMillis(100))).contains(later.plusMillis(100));
    }

    @Test
    void aCameraReferenceClockIsUsedWhileItAgreesWithOurs() {
        Instant now = Instant.parse("2025-01-01T10:00:00Z");
        long nowMicros = now.getEpochSecond() * 1_000_000L;
        PresentationClock c = new PresentationClock(Duration.ofSeconds(10), true);
        c.anchorAt(null);
        c.referTo(nowMicros - 2_000_000); // pts 0 was 2 s ago
        assertThat(c.map(1_700_000, now)).contains(now.minusMillis(300)); // captured 300 ms before arrival
        c.referTo(nowMicros - 3_600_000_000L); // an unsynchronised camera clock, an hour off
        assertThat(c.map(1_800_000, now.plusMillis(100))).contains(now.plusMillis(100)); // ours instead
    }

    @Test
    void fileClockContinuesItsTimelineAcrossARestartOfTimestamps() {
        Instant epoch = Instant.parse("2025-01-01T00:00:00Z");
        PresentationClock c = new PresentationClock(Duration.ofSeconds(10), false);
        c.anchorAt(epoch);
        assertThat(c.map(1_000_000, Instant.EPOCH)).contains(epoch);
        assertThat(c.map(1_100_000, Instant.EPOCH)).contains(epoch.plusMillis(100));
        assertThat(c.map(1_400_000, Instant.EPOCH)).contains(epoch.plusMillis(400));
        // The next segment's timestamps restart: the timeline goes on one (last) step later.
        assertThat(c.map(0, Instant.EPOCH)).contains(epoch.plusMillis(700));
    }
}
