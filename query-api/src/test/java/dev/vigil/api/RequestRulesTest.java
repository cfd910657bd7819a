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
    void bodiesAreStrictlyTypedAndErrorsNameTheFieldNeverAJavaClass() {
        JsonBody body = new JsonBody(JsonBody.strictMapper(), 65_536);
        record Probe(String url, Double fps, Integer clipFrames, Boolean enabled, java.util.Map<String, String> labels,
                     java.util.List<String> names) {
        }
        java.util.Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"url\": 42}", "field 'url' must be a string");
        cases.put("{\"url\": true}", "field 'url' must be a string");
        cases.put("{\"url\": 4.5}", "field 'url' must be a string");
        cases.put("{\"fps\": \"5\"}", "field 'fps' must be a number");
        cases.put("{\"clipFrames\": \"4\"}", "field 'clipFrames' must be a whole number");
        cases.put("{\"clipFrames\": 4.5}", "field 'clipFrames' must be a whole number");
        cases.put("{\"enabled\": \"true\"}", "field 'enabled' must be true or false");
        cases.put("{\"enabled\": 1}", "field 'enabled' must be true or false");
        cases.put("{\"labels\": {\"site\": 7}}", "field 'labels.site' must be a string");
        cases.put("{\"names\": [\"a\", 3]}", "field 'names[1]' must be a string");
        cases.put("{\"labels\": []}", "field 'labels' must be an object");
        cases.put("[1, 2]", "the body must be an object");
        cases.put("{\"url\": \"x\"", "malformed JSON at line 1");
        cases.forEach((json, expected) -> assertThatThrownBy(() -> body.parse(json.getBytes(), Probe.class)).as(json)
                .isInstanceOf(ApiException.class).hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("java.").doesNotContain("`")
                        .doesNotContain("Probe").doesNotContain("Source")));
        Probe ok = body.parse("{\"url\":\"rtsp://x\",\"fps\":4,\"clipFrames\":8,\"enabled\":false,\"extra\":1}".getBytes(), Probe.class);
        assertThat(ok.fps()).as("a whole number is a number").isEqualTo(4.0);
        assertThat(ok.clipFrames()).isEqualTo(8);
    }

    @Test
    void timeFieldsAreStringsOrEpochMillis() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(TimeWindow.text("from", json.readTree("1700000000000"))).isEqualTo("1700000000000");
        assertThat(TimeWindow.text("from", json.readTree("\"2025-01-01T00:00:00Z\""))).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(TimeWindow.text("from", null)).isNull();
        assertThatThrownBy(() -> TimeWindow.text("from", json.readTree("1.5"))).hasMessageContaining("field 'from'");
        assertThatThrownBy(() -> TimeWindow.text("to", json.readTree("true"))).hasMessageContaining("field 'to'");
    }

    @Test
    void jettysOwnErrorsReadAsApiErrors() {
        assertThat(JsonErrorHandler.of(414, "URI Too Long").error()).isEqualTo("uri too long");
        assertThat(JsonErrorHandler.of(431, "Request Header Fields Too Large").error()).isEqualTo("headers too large");
        assertThat(JsonErrorHandler.of(400, "Illegal character CNTL=0x0").detail()).contains("(Illegal character CNTL=0x0)");
        assertThat(JsonErrorHandler.of(400, "<script>alert(1)</script>").detail()).doesNotContain("script");
        assertThat(JsonErrorHandler.of(500, "java.lang.NullPointerException: x").detail()).doesNotContain("java");
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
        assertThatThrownBy(() -> new ApiSettings("127.0.0.1", 0, java.util.Optional.of(new TlsSettings(empty, "secret")), 65536, 2000, 1024,
                1000, 100, false))
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
