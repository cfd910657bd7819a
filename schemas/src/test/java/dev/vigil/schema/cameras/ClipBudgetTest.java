package dev.vigil.schema.cameras;

import dev.vigil.schema.CameraConfig;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ClipBudgetTest {
    private final ClipBudget budget = ClipBudget.standard();

    @Test
    void theDefaultCameraFitsWithRoomToSpare() {
        assertThat(budget.problem(camera(448, 4))).isEmpty();
        assertThat(budget.maxClipFrames(448)).isGreaterThan(4);
    }

    @Test
    void aFullHdCameraWithEightFramesCouldOverflowTheClipTopicAndIsRefusedSayingWhatToChange() {
        assertThat(budget.problem(camera(1920, 8))).hasValueSatisfying(p -> assertThat(p)
                .contains("clipFrames 8").contains("resizeLongest 1920").contains("vigil.clips")
                .contains("use clipFrames <= 3"));
        assertThat(budget.problem(camera(1920, 3))).isEmpty();
    }

    @Test
    void frameSizeIsCappedByTheFrameTopicLimit() {
        assertThat(budget.largestFrameBytes(4096)).isEqualTo(budget.frameRecordBytes());
        assertThat(budget.largestFrameBytes(32)).isLessThan(budget.frameRecordBytes());
    }

    @Test
    void theBoundHoldsForEveryAcceptedDefinition() {
        for (int longest = 32; longest <= 4096; longest += 32) {
            for (int frames = 1; frames <= 64; frames++) {
                if (budget.problem(camera(longest, frames)).isEmpty()) {
                    assertThat(frames * budget.largestFrameBytes(longest) + ClipBudget.ENVELOPE_BYTES)
                            .isLessThanOrEqualTo(budget.clipRecordBytes());
                }
            }
        }
    }

    private static CameraConfig camera(int resizeLongest, int clipFrames) {
        return CameraConfig.newBuilder().setId("cam").setUrl("synthcam://1").setResizeLongest(resizeLongest)
                .setClipFrames(clipFrames).setUpdatedAt(Instant.EPOCH).build();
    }
}
