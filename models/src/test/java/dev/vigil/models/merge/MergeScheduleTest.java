package dev.vigil.models.merge;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MergeScheduleTest {

    @Test
    void longVlmReducesA2560TokenSegmentTo30() {
        FixedMergeSchedule schedule = FixedMergeSchedule.longVlm();
        assertThat(schedule.reductions(2560, 0)).containsExactly(1280, 640, 320, 160, 80, 40, 10);
        assertThat(schedule.resultingCount(2560, 0)).isEqualTo(30);
    }

    @Test
    void fixedListsAreCappedAtHalfTheRemainingTokens() {
        // The list in LongVLM's save_features.py: the cap turns it into 2560 → 20, not 30.
        FixedMergeSchedule saveFeatures = new FixedMergeSchedule(List.of(2880, 1440, 720, 360, 180, 90, 40));
        assertThat(saveFeatures.reductions(2560, 0)).containsExactly(1280, 640, 320, 160, 80, 40, 20);
        assertThat(saveFeatures.resultingCount(2560, 0)).isEqualTo(20);
        // Protected tokens are counted out of the cap: ⌊(11 − 1)/2⌋ = 5.
        assertThat(new FixedMergeSchedule(List.of(100)).reductions(11, 1)).containsExactly(5);
    }

    @Test
    void videoChatFlashHalvesDownTo16TokensPerFrame() {
        TargetMergeSchedule clip = TargetMergeSchedule.videoChatFlash(4);
        assertThat(clip.target()).isEqualTo(64);
        assertThat(clip.reductions(784, 0)).containsExactly(392, 196, 98, 34);       // 224 px: 4 × 196
        assertThat(clip.reductions(3136, 0)).containsExactly(1568, 784, 392, 196, 98, 34); // 448 px: 4 × 784
        assertThat(clip.resultingCount(784, 0)).isEqualTo(64);
        assertThat(clip.resultingCount(3136, 0)).isEqualTo(64);
    }

    @Test
    void targetScheduleHandlesEdgeCases() {
        assertThat(new TargetMergeSchedule(64).reductions(64, 0)).isEmpty();
        assertThat(new TargetMergeSchedule(64).reductions(10, 0)).isEmpty();
        assertThat(new TargetMergeSchedule(3).reductions(7, 0)).containsExactly(3, 1);
        // Only protected tokens left to keep: stops instead of looping.
        assertThat(new TargetMergeSchedule(1).resultingCount(2, 2)).isEqualTo(2);
    }
}
