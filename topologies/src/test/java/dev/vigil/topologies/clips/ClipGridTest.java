package dev.vigil.topologies.clips;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClipGridTest {

    @Test
    void fourFramesAtTwoFpsAreTwoSecondClipsAnchoredAtTheEpoch() {
        ClipGrid grid = ClipGrid.of(4, 2.0);

        assertThat(grid.durationMs()).isEqualTo(2000);
        assertThat(grid.indexOf(1_999)).isZero();
        assertThat(grid.indexOf(2_000)).isEqualTo(1);
        assertThat(grid.indexOf(-1)).isEqualTo(-1);
        assertThat(grid.startOf(5)).isEqualTo(10_000);
        assertThat(grid.endOf(5)).isEqualTo(12_000);
    }

    @Test
    void frameKeysSortByCameraThenTimeThenSequenceAsUnsignedBytes() {
        List<org.apache.kafka.common.utils.Bytes> keys = List.of(
                FrameKey.lowest("cam", 1000),
                FrameKey.of("cam", 1000, 0),
                FrameKey.of("cam", 1000, 7),
                FrameKey.of("cam", 1000, Long.MAX_VALUE),
                FrameKey.highest("cam", 1000),
                FrameKey.of("cam", 1001, 0),
                FrameKey.of("camb", 0, 0));

        assertThat(keys).isSorted();
        assertThat(FrameKey.eventTime(FrameKey.of("cam", 123_456_789L, 3))).isEqualTo(123_456_789L);
    }

    @Test
    void surplusFramesAreThinnedEvenlyAcrossTheClip() {
        assertThat(ClipFrameSelection.evenlySpaced(List.of(0, 1, 2, 3, 4, 5, 6, 7), 4)).containsExactly(1, 3, 5, 7);
        assertThat(ClipFrameSelection.evenlySpaced(List.of(0, 1, 2), 4)).containsExactly(0, 1, 2);
    }
}
