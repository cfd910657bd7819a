package dev.vigil.state.internals;

import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemoryKeyTest {

    @Test
    void keysOfOneCameraSortLikeTheirStartTimesIncludingNegativeOnes() {
        long[] starts = {Long.MIN_VALUE, -1_000, -1, 0, 1, 255, 256, 1_700_000_000_000L, Long.MAX_VALUE};
        List<Bytes> keys = new ArrayList<>();
        for (long s : starts) {
            keys.add(MemoryKey.entry("cam", s));
        }

        assertThat(keys).isSortedAccordingTo(Bytes::compareTo);
        for (int i = 0; i < starts.length; i++) {
            assertThat(MemoryKey.startOf(keys.get(i))).isEqualTo(starts[i]);
        }
    }

    @Test
    void aCameraWhoseIdIsAPrefixOfAnotherDoesNotInterleave() {
        Bytes aLate = MemoryKey.entry("a", Long.MAX_VALUE);
        Bytes abEarly = MemoryKey.entry("ab", Long.MIN_VALUE);

        assertThat(aLate.compareTo(abEarly)).isNegative();
    }

    @Test
    void summariesSortAfterEveryEntryAndInsideTheirRange() {
        Bytes summary = MemoryKey.summary("cam");

        assertThat(summary.compareTo(MemoryKey.entry("zzz", Long.MAX_VALUE))).isPositive();
        assertThat(summary.compareTo(MemoryKey.firstSummary())).isPositive();
        assertThat(summary.compareTo(MemoryKey.lastSummary())).isNegative();
        assertThat(MemoryKey.temporalState("cam").compareTo(MemoryKey.lastSummary())).isPositive();
        assertThat(MemoryKey.cameraOfSummary(summary)).isEqualTo("cam");
    }

    @Test
    void badCameraIdsAreRefused() {
        assertThatThrownBy(() -> MemoryKey.entry("a\0b", 0)).hasMessageContaining("U+0000");
        assertThatThrownBy(() -> MemoryKey.entry("", 0)).hasMessageContaining("empty");
        assertThatThrownBy(() -> MemoryKey.entry("x".repeat(256), 0)).hasMessageContaining("255");
    }
}
