package dev.vigil.api;

import dev.vigil.api.auth.Access;
import dev.vigil.api.auth.ApiKey;
import dev.vigil.api.auth.Scope;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-camera series of {@code /metrics}: to keys only, and only their cameras, unless made public. */
class MetricsPageTest {
    private static final String SCRAPE = String.join("\n",
            "# HELP vigil_ingest_frames_total frames",
            "# TYPE vigil_ingest_frames_total counter",
            "vigil_ingest_frames_total{camera=\"door\",reason=\"ok\"} 5.0",
            "vigil_ingest_frames_total{reason=\"ok\",camera=\"yard\"} 7.0",
            "vigil_http_requests_seconds_count{method=\"GET\",route=\"/v1/cameras\",status=\"200\"} 3.0",
            "");

    private static Access key(String... cameras) {
        return new Access(new ApiKey("k", "t", "00", Set.of(Scope.READ), List.of(cameras), Map.of(), 0, null), id -> Map.of());
    }

    @Test
    void withoutAKeyNoCameraIsNamed() {
        String page = new MetricsPage(false).render(SCRAPE, Optional.empty());
        assertThat(page).doesNotContain("door").doesNotContain("yard").contains("route=\"/v1/cameras\"")
                .contains("# TYPE vigil_ingest_frames_total counter");
    }

    @Test
    void aKeySeesTheSeriesOfItsCamerasOnly() {
        assertThat(new MetricsPage(false).render(SCRAPE, Optional.of(key("door")))).contains("camera=\"door\"")
                .doesNotContain("yard");
        assertThat(new MetricsPage(false).render(SCRAPE, Optional.of(key("*")))).contains("door").contains("yard");
    }

    @Test
    void publicCameraMetricsShowEverything() {
        assertThat(new MetricsPage(true).render(SCRAPE, Optional.empty())).isEqualTo(SCRAPE);
    }
}
