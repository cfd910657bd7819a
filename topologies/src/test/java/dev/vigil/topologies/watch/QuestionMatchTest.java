package dev.vigil.topologies.watch;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class QuestionMatchTest {

    @Test
    void picksTheBestFrameByCosine() {
        float[] frames = {1, 0, 0, /* */ 0, 2, 0, /* */ 0, 1, 1};
        QuestionMatch m = QuestionMatch.best(new float[]{0, 1, 0}, frames, 3, 3);
        assertThat(m.frame()).isEqualTo(1);
        assertThat(m.score()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void anotherModelsDimOrNoFramesIsNoMatch() {
        assertThat(QuestionMatch.best(new float[]{1, 0}, new float[]{1, 0, 0}, 1, 3)).isNull();
        assertThat(QuestionMatch.best(new float[]{1, 0, 0}, new float[0], 0, 3)).isNull();
    }

    @Test
    void watchesAndJsonRoundTrip() {
        Watch w = new Watch("w1", "a red car?", List.of("cam-a"), new float[]{0.5f, -1f}, "tiny", 0.8, 30_000, "k1", 42);
        WatchJson json = new WatchJson();
        assertThat(json.watch(json.watch(w))).isEqualTo(w);
        assertThat(w.watches("cam-a")).isTrue();
        assertThat(w.watches("cam-b")).isFalse();
        Alert a = new Alert(1, "w1:cam-a:3", "w1", "q", "cam-a", 3, 10, 20, 15, 0.9, "tiny");
        assertThat(json.alert(json.alert(a))).isEqualTo(a);
    }
}
