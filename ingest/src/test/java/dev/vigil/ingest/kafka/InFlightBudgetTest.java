package dev.vigil.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vigil.ingest.RedactedUrl;

class InFlightBudgetTest {

    @Test
    void refusesBeyondTheRecordOrByteLimitAndRecoversOnGiveBack() {
        InFlightBudget budget = new InFlightBudget(new InFlightLimit(2, 100));
        assertThat(budget.tryTake(60)).isTrue();
        assertThat(budget.tryTake(60)).as("bytes would exceed 100").isFalse();
        assertThat(budget.tryTake(40)).isTrue();
        assertThat(budget.tryTake(1)).as("two records in flight").isFalse();
        budget.giveBack(60);
        assertThat(budget.records()).isEqualTo(1);
        assertThat(budget.bytes()).isEqualTo(40);
        assertThat(budget.tryTake(50)).isTrue();
    }

    @Test
    void aFrameLargerThanTheByteLimitStillGoesAlone() {
        InFlightBudget budget = new InFlightBudget(new InFlightLimit(4, 10));
        assertThat(budget.tryTake(1000)).isTrue();
        assertThat(budget.tryTake(1)).isFalse();
        budget.giveBack(1000);
        assertThat(budget.bytes()).isZero();
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new InFlightLimit(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sourceHashIgnoresCredentialsAndIsStable() {
        SourceHash a = SourceHash.of(new RedactedUrl("rtsp://admin:one@10.0.0.7/stream"));
        SourceHash b = SourceHash.of(new RedactedUrl("rtsp://admin:two@10.0.0.7/stream"));
        SourceHash c = SourceHash.of(new RedactedUrl("rtsp://admin:one@10.0.0.8/stream"));
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(a.hex()).hasSize(16).matches("[0-9a-f]+");
    }

    @Test
    void producerSettingsFollowTheTopicLimit() {
        Map<String, Object> c = FrameProducer.producerConfig(Map.of("bootstrap.servers", "x:1"), 2 << 20);
        assertThat(c).containsEntry("enable.idempotence", true).containsEntry("acks", "all")
                .containsEntry("compression.type", "none").containsEntry("max.request.size", 2 << 20)
                .containsEntry("batch.size", 256 << 10).containsEntry("bootstrap.servers", "x:1");
        assertThat(FrameProducer.producerConfig(Map.of(), 8192)).containsEntry("batch.size", 8192);
    }
}
