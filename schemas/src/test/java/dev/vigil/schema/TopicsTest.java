package dev.vigil.schema;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicsTest {

    @Test
    void clipsAndTemporalStateArePartitionedAlikeAndStateIsCompacted() {
        Topics topics = new Topics(12, (short) 3);

        assertThat(topics.spec(Topics.CLIPS).partitions()).isEqualTo(topics.spec(Topics.TEMPORAL_STATE).partitions());
        assertThat(topics.spec(Topics.TEMPORAL_STATE).compacted()).isTrue();
        assertThat(topics.spec(Topics.CAMERAS).compacted()).isTrue();
        assertThat(topics.spec(Topics.FRAMES).compacted()).isFalse();
        assertThat(topics.all()).extracting(TopicSpec::name).containsExactly(Topics.FRAMES, Topics.CLIPS,
                Topics.CLIP_TOKENS, Topics.TEMPORAL_STATE, Topics.CAMERAS, Topics.DLQ, Topics.ALERTS, Topics.WATCHES,
                Topics.API_KEYS);
    }

    @Test
    void dlqAcceptsTheLargestRecordOfAnyInputTopic() {
        Topics topics = Topics.singleBroker();
        int largestInput = topics.all().stream().filter(s -> !s.name().equals(Topics.DLQ))
                .mapToInt(TopicSpec::maxMessageBytes).max().orElseThrow();

        assertThat(topics.spec(Topics.DLQ).maxMessageBytes()).isGreaterThan(largestInput);
    }

    @Test
    void unknownTopicNamesAreRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> Topics.singleBroker().spec("vigil.nope"))
                .hasMessageContaining("vigil.nope").hasMessageContaining(Topics.FRAMES);
    }
}
