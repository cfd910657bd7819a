package dev.vigil.api;

import org.apache.kafka.streams.KafkaStreams;

/** The Kafka Streams app holding TokenMemory is RUNNING (not starting, rebalancing or failed). */
public final class StreamsHealth implements HealthCheck {
    private final KafkaStreams streams;

    public StreamsHealth(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public String name() {
        return "store";
    }

    @Override
    public String problem() {
        KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.RUNNING ? null : "TokenMemory's Streams app is " + state;
    }
}
