package dev.vigil.models.answer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerTextTest {
    private static final long T = 1_764_754_351_000L; // 2025-12-03T09:32:31Z

    @Test
    void slotsBecomeTheEvidenceFacts() {
        String text = AnswerText.render(List.of("the", "red", "car", "left", "<cam2>", "at", "<end2>", "."),
                List.of(new AnswerText.EventSlots("a", T - 60_000, T - 50_000), new AnswerText.EventSlots("synthcam-1", T, T + 4_321)),
                "in all stored memory");
        assertThat(text).isEqualTo("The red car left synthcam-1 at 2025-12-03T09:32:35Z.");
    }

    @Test
    void theWindowAndPunctuationReadAsASentence() {
        assertThat(AnswerText.render(List.of("the", "blue", "bus", "was", "not", "seen", "<window>", "."), List.of(),
                "since 2025-12-03T09:00:00Z")).isEqualTo("The blue bus was not seen since 2025-12-03T09:00:00Z.");
        assertThat(AnswerText.render(List.of("the", "car", "was", "red", ",", "on", "<cam1>"),
                List.of(new AnswerText.EventSlots("c", T, T)), "")).isEqualTo("The car was red, on c");
    }

    @Test
    void aSlotForAnEventNotGivenIsNeverFilledWithATime() {
        String text = AnswerText.render(List.of("it", "left", "at", "<end3>", "<bos>", "."),
                List.of(new AnswerText.EventSlots("c", T, T)), "");
        assertThat(text).isEqualTo("It left at ?.");
        assertThat(AnswerText.render(List.of("<cam1>", "saw", "it"), List.of(new AnswerText.EventSlots("cam-b", T, T)), ""))
                .as("a camera id keeps its spelling").isEqualTo("cam-b saw it");
    }

    @Test
    void anAnswerIsGroundedWhenItCitesOnlyGivenEventsOrSaysTheWindow() {
        assertThat(AnswerText.grounded(List.of("the", "car", "left", "<cam2>", "at", "<end2>"), 2)).isTrue();
        assertThat(AnswerText.grounded(List.of("the", "car", "was", "not", "seen", "<window>"), 0)).isTrue();
        assertThat(AnswerText.grounded(List.of("the", "car", "left", "<cam2>", "at", "<end2>"), 1))
                .as("cites an event it was not given").isFalse();
        assertThat(AnswerText.grounded(List.of("a", "red", "car", "was", "seen", "."), 3))
                .as("claims a sighting, citing none").isFalse();
        assertThat(AnswerText.grounded(List.of("<start1>", "<window>"), 0)).isFalse();
        assertThat(AnswerText.grounded(List.of("a", "red", "car", "was", "seen", "<window>"), 0))
                .as("a sighting in the window, citing no event").isFalse();
        assertThat(AnswerText.grounded(List.of("no", "car", "was", "seen", "<window>", "."), 0)).isTrue();
        assertThat(AnswerText.notSeen("in all stored memory")).isEqualTo("Nothing matching was seen in all stored memory.");
    }
}
