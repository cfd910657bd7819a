package dev.vigil.bench.driver;

/**
 * Clips not yet answerable at one moment of a trial: frames acknowledged by Kafka ÷ frames per clip, minus
 * clips found in TokenMemory.
 *
 * @param second seconds since the cameras were defined
 * @param clips  backlog in clips
 */
public record BacklogSample(double second, double clips) {
}
