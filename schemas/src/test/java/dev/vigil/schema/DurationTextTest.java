package dev.vigil.schema;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationTextTest {

    @Test
    void readsEveryUnitWholeAndDecimal() {
        assertThat(DurationText.parse("d", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("d", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationText.parse("d", "1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationText.parse("d", "1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationText.parse("d", "15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(DurationText.parse("d", "2h")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationText.parse("d", "1d")).isEqualTo(Duration.ofDays(1));
        assertThat(DurationText.parse("d", " 90 ")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationText.parse("d", "0.25")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationText.parse("d", "2 H")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationText.parse("d", "0s")).isEqualTo(Duration.ZERO);
        assertThat(DurationText.parse("d", "999999999999d")).isEqualTo(Duration.ofDays(999_999_999_999L));
    }

    @Test
    void refusalsNameTheFieldTheTextAndTheForms() {
        for (String bad : new String[]{"soon", "-5s", "5 minutes", "1e3s", "", ".5s", "5s5"}) {
            assertThatThrownBy(() -> DurationText.parse("cooldown", bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("cooldown must be a duration")
                    .hasMessageContaining("500ms, 30s").hasMessageContaining("got '" + bad + "'");
        }
        assertThatThrownBy(() -> DurationText.parse("last", null)).hasMessageContaining("got ''");
        assertThatThrownBy(() -> DurationText.parse("last", "x".repeat(100)))
                .hasMessageContaining("x".repeat(40) + "…'").hasMessageNotContaining("x".repeat(41));
    }
}
