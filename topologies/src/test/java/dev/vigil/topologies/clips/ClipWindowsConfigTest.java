package dev.vigil.topologies.clips;

import dev.vigil.schema.Topics;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClipWindowsConfigTest {
    private final Topics topics = Topics.singleBroker();

    @Test
    void theDefaultsFitTheClipTopic() {
        ClipWindowsConfig defaults = ClipWindowsConfig.defaults();

        assertThat(defaults.checkedAgainst(topics.spec(Topics.CLIPS))).isEqualTo(defaults);
        assertThat(defaults.futureTolerance().toMillis()).isLessThan(topics.spec(Topics.CLIPS).timestampAfterMaxMs());
    }

    @Test
    void aFutureToleranceTheBrokerWouldNotHonourIsRefusedSayingWhy() {
        ClipWindowsConfig tooTrusting = new ClipWindowsConfig(Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofHours(2), Duration.ofHours(24));

        assertThatThrownBy(() -> tooTrusting.checkedAgainst(topics.spec(Topics.CLIPS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("future tolerance PT2H").hasMessageContaining("message.timestamp.after.max.ms");
    }

    @Test
    void aMaximumAgeBeyondRetentionIsRefused() {
        ClipWindowsConfig tooOld = new ClipWindowsConfig(Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofMinutes(5), Duration.ofDays(3));

        assertThatThrownBy(() -> tooOld.checkedAgainst(topics.spec(Topics.CLIPS)))
                .hasMessageContaining("maximum frame age PT72H").hasMessageContaining("retention");
    }
}
