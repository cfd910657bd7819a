package dev.vigil.ingest.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vigil.schema.CameraConfig;

class CameraSettingsTest {

    private static CameraConfig config(String url) {
        return CameraConfig.newBuilder().setId("value-id").setUrl(url).setUpdatedAt(Instant.EPOCH).build();
    }

    @Test
    void takesTheContractDefaultsAndTheKeyAsId() {
        CameraSettings s = CameraSettings.from("key-id", config("rtsp://u:secret@h/s"));
        assertThat(s.id()).isEqualTo("key-id");
        assertThat(s.fps()).isEqualTo(2.0);
        assertThat(s.resizeLongest()).isEqualTo(448);
        assertThat(s.jpegQuality()).isEqualTo(85);
        assertThat(s.enabled()).isTrue();
        assertThat(s.toString()).doesNotContain("secret");
        assertThat(s.toConfig(Instant.EPOCH).getUrl().toString()).isEqualTo("rtsp://u:secret@h/s");
    }

    @Test
    void onlyCaptureSettingsNeedARestart() {
        CameraSettings a = CameraSettings.from("c", config("synthcam://1"));
        CameraSettings relabelled = CameraSettings.from("c",
                CameraConfig.newBuilder(config("synthcam://1")).setLabels(Map.of("site", "x")).build());
        CameraSettings faster = CameraSettings.from("c",
                CameraConfig.newBuilder(config("synthcam://1")).setFps(5.0).build());
        CameraSettings moved = CameraSettings.from("c", config("synthcam://2"));
        assertThat(a.capturesLike(relabelled)).isTrue();
        assertThat(a.capturesLike(faster)).isFalse();
        assertThat(a.capturesLike(moved)).isFalse();
    }
}
