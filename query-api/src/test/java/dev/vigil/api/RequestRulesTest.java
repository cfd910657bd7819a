package dev.vigil.api;

import dev.vigil.api.memory.ClipId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Request validation and configuration checks that need no server. */
class RequestRulesTest {
    private final Clock clock = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void timeWindows() {
        assertThat(TimeWindow.of(null, null, "15m", clock)).isEqualTo(new TimeWindow(clock.millis() - 900_000, clock.millis()));
        assertThat(TimeWindow.of("2025-06-01T11:00:00Z", "1748779200000", null, clock).to()).isEqualTo(1_748_779_200_000L);
        assertThatThrownBy(() -> TimeWindow.of("2025-06-02T00:00:00Z", "2025-06-01T00:00:00Z", null, clock)).hasMessageContaining("inverted");
        assertThatThrownBy(() -> TimeWindow.of("yesterday", null, null, clock)).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> TimeWindow.of("1", null, "1h", clock)).hasMessageContaining("either last or from/to");
        assertThatThrownBy(() -> TimeWindow.of(null, null, "soon", clock)).isInstanceOf(ApiException.class)
                .hasMessageContaining("last must be a duration").hasMessageContaining("got 'soon'");
    }

    @Test
    void idsRefusePathTricks() {
        assertThat(ClipId.parse("12-1700000000000")).isEqualTo(new ClipId(12, 1_700_000_000_000L));
        for (String bad : new String[]{"../x", "12-17/../..", "..", "12_3", ""}) {
            assertThatThrownBy(() -> ClipId.parse(bad)).isInstanceOf(ApiException.class).hasMessageContaining("clipId");
        }
        assertThat(CameraIds.check("cam-1.front_door")).isEqualTo("cam-1.front_door");
        for (String bad : new String[]{"../etc", "a/b", ".hidden", "a..b", "x".repeat(129)}) {
            assertThatThrownBy(() -> CameraIds.check(bad)).isInstanceOf(ApiException.class).hasMessageContaining("camera id");
        }
    }

    @Test
    void tlsConfigurationErrorsSayWhatIsWrong(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> new TlsSettings(null, "x").validate()).hasMessageContaining("no keystore path");
        assertThatThrownBy(() -> new TlsSettings(dir.resolve("none.p12"), "x").validate()).hasMessageContaining("does not exist");
        Path garbage = Files.writeString(dir.resolve("garbage.p12"), "not a keystore");
        assertThatThrownBy(() -> new TlsSettings(garbage, "x").validate()).hasMessageContaining("cannot be opened");
        Path empty = dir.resolve("empty.p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (var out = Files.newOutputStream(empty)) {
            ks.store(out, "secret".toCharArray());
        }
        assertThatThrownBy(() -> new TlsSettings(empty, "wrong").validate()).hasMessageContaining("wrong password");
        assertThatThrownBy(() -> new TlsSettings(empty, "secret").validate()).hasMessageContaining("no private key");
        assertThatThrownBy(() -> new ApiSettings("127.0.0.1", 0, java.util.Optional.of(new TlsSettings(empty, "secret")), 65536, 2000, 1024))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new TlsSettings(empty, "secret").toString()).doesNotContain("secret\"").contains("***");
    }

    @Test
    void aWindowInWordsNamesItsOpenAndClosedEnds() {
        assertThat(TimeWindow.ALL.describe()).isEqualTo("in all stored memory");
        assertThat(TimeWindow.of("2025-06-01T11:00:00Z", null, null, clock).describe()).isEqualTo("since 2025-06-01T11:00:00Z");
        assertThat(TimeWindow.of(null, "2025-06-01T11:00:00Z", null, clock).describe()).isEqualTo("before 2025-06-01T11:00:00Z");
        assertThat(TimeWindow.of("2025-06-01T11:00:00Z", "2025-06-01T12:00:00Z", null, clock).describe())
                .isEqualTo("between 2025-06-01T11:00:00Z and 2025-06-01T12:00:00Z");
    }
}
