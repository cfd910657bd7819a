package dev.vigil.topologies;

import org.apache.kafka.streams.KafkaStreams;

/**
 * One Kafka Streams application of this process, and what went wrong in it.
 *
 * @param id        the application id ({@code vigil-clips}, {@code vigil-memory})
 * @param streams   the running application
 * @param incidents its replaced threads and skipped records
 */
public record StreamsApplication(String id, KafkaStreams streams, StreamsIncidents incidents) {

    /**
     * Null while the application runs and is not looping; otherwise what is wrong, naming the application: dead
     * (ERROR, PENDING_ERROR, PENDING_SHUTDOWN, NOT_RUNNING: it processes nothing until the process restarts),
     * not running yet (CREATED, REBALANCING), or looping (its stream threads keep failing and being replaced).
     */
    public String problem() {
        KafkaStreams.State state = streams.state();
        return switch (state) {
            case RUNNING -> incidents.looping();
            case ERROR, PENDING_ERROR, PENDING_SHUTDOWN, NOT_RUNNING ->
                    id + " is dead (" + state + "): it processes nothing until this process restarts";
            case CREATED, REBALANCING -> id + " is " + state;
        };
    }
}
