package dev.vigil.ingest;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: {@code initial * multiplier^(attempt-1)}, capped at {@code max}, with up to
 * {@code ±jitter} (a fraction) random spread so that many cameras behind one failed switch do not all
 * retry in the same instant. The random generator is injected so tests can seed it.
 */
public final class ExponentialBackoff {

    private final Duration initial;
    private final Duration max;
    private final double multiplier;
    private final double jitter;
    private final int maxAttempts;
    private final RandomGenerator random;

    /**
     * @param initial     delay before the first retry
     * @param max         cap on any delay (jitter included)
     * @param multiplier  growth per attempt, at least 1
     * @param jitter      fraction in [0, 1) of random spread around the nominal delay
     * @param maxAttempts attempts after which to give up; 0 means retry forever
     * @param random      source of the jitter
     */
    public ExponentialBackoff(Duration initial, Duration max, double multiplier, double jitter,
                              int maxAttempts, RandomGenerator random) {
        if (initial.isNegative() || max.compareTo(initial) < 0 || multiplier < 1 || jitter < 0 || jitter >= 1
                || maxAttempts < 0) {
            throw new IllegalArgumentException("bad backoff settings");
        }
        this.initial = initial;
        this.max = max;
        this.multiplier = multiplier;
        this.jitter = jitter;
        this.maxAttempts = maxAttempts;
        this.random = random;
    }

    /** 0.5 s doubling to 30 s, 20 % jitter, forever. */
    public static ExponentialBackoff standard(RandomGenerator random) {
        return new ExponentialBackoff(Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, 0.2, 0, random);
    }

    /** True if attempt number {@code attempt} (1-based count of consecutive failures) may still be made. */
    public boolean allows(int attempt) {
        return maxAttempts == 0 || attempt <= maxAttempts;
    }

    /** The delay before retry number {@code attempt} (1 = first retry after the first failure). */
    public Duration delay(int attempt) {
        double nominal = initial.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
        double capped = Math.min(nominal, max.toNanos());
        double spread = jitter == 0 ? 0 : (random.nextDouble() * 2 - 1) * jitter * capped;
        long nanos = (long) Math.min(max.toNanos(), Math.max(0, capped + spread));
        return Duration.ofNanos(nanos);
    }
}
