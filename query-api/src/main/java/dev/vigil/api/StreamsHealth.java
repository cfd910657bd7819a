package dev.vigil.api;

import dev.vigil.topologies.StreamsApplication;
import dev.vigil.topologies.StreamsIncidents;
import dev.vigil.topologies.VigilStreams;
import org.apache.kafka.streams.KafkaStreams;

import java.util.List;

/**
 * One Kafka Streams application of the process is RUNNING and not looping: DOWN, naming the application, when
 * it is dead (ERROR, PENDING_SHUTDOWN, NOT_RUNNING…), not running yet (starting, rebalancing), or its stream
 * threads keep failing ({@link StreamsApplication#problem()}). Component {@code store} is TokenMemory's
 * application, {@code clips} the clip windows'.
 */
public final class StreamsHealth implements HealthCheck {
    private final String name;
    private final StreamsApplication application;

    public StreamsHealth(String name, StreamsApplication application) {
        this.name = name;
        this.application = application;
    }

    /** The health of TokenMemory's Streams application alone (for an API wired to a bare {@link KafkaStreams}). */
    public StreamsHealth(KafkaStreams memory) {
        this("store", new StreamsApplication(VigilStreams.MEMORY_APPLICATION, memory,
                StreamsIncidents.standard(VigilStreams.MEMORY_APPLICATION)));
    }

    /** One check per Streams application the process runs. */
    public static List<HealthCheck> of(VigilStreams streams) {
        return streams.applications().stream().<HealthCheck>map(a -> new StreamsHealth(
                a.id().equals(VigilStreams.MEMORY_APPLICATION) ? "store" : "clips", a)).toList();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String problem() {
        return application.problem();
    }
}
