package dev.vigil.worker;

import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.schema.registry.SchemaRegistryClient;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The encoder workers of one process: {@code count} {@link EncoderWorker}s sharing one clip encoder, each on its
 * own thread and a member of the same consumer group; worker i runs as {@code <workerId>-i} when there are several.
 * {@code vigil up} and {@code vigil worker} start them this way (on CPU one single-threaded worker per core; see
 * {@code CpuThreads}).
 */
public final class EncoderWorkers implements AutoCloseable {
    private static final Duration STOP = Duration.ofSeconds(30);

    private final List<EncoderWorker> workers;
    private final List<Thread> threads;

    private EncoderWorkers(List<EncoderWorker> workers, List<Thread> threads) {
        this.workers = workers;
        this.threads = threads;
    }

    /**
     * Creates the workers and starts their threads.
     *
     * @param config the workers' settings; its id is the base of theirs
     */
    public static EncoderWorkers start(int count, WorkerConfig config, Map<String, Object> kafka,
                                       SchemaRegistryClient registry, ClipEncoder encoder, MeterRegistry metrics,
                                       Clock clock) {
        if (count < 1) {
            throw new IllegalArgumentException("need at least one encoder worker, got " + count);
        }
        List<EncoderWorker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = count == 1 ? config.workerId() : config.workerId() + "-" + i;
            EncoderWorker worker = new EncoderWorker(config.withWorkerId(id), kafka, registry, encoder, metrics, clock);
            workers.add(worker);
            threads.add(new Thread(worker, "vigil-encoder-" + id));
        }
        threads.forEach(Thread::start);
        return new EncoderWorkers(List.copyOf(workers), List.copyOf(threads));
    }

    /** How many workers run here. */
    public int size() {
        return workers.size();
    }

    /** Whether every worker's thread is still running (for health). */
    public boolean allRunning() {
        return threads.stream().allMatch(Thread::isAlive);
    }

    /**
     * Null while every worker works; otherwise each one that does not, and why: its thread ended, or it is
     * looping ({@link EncoderWorker#problem()}).
     */
    public String problem() {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            String problem = workers.get(i).problem();
            if (problem == null && !threads.get(i).isAlive()) {
                problem = "encoder worker thread " + threads.get(i).getName() + " is not running";
            }
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    /** Blocks until every worker has stopped (after {@link #close()}, or a fatal error of its own). */
    public void awaitTermination() throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
    }

    /** Asks every worker to stop, then waits up to 30 s for each. */
    @Override
    public void close() {
        workers.forEach(EncoderWorker::close);
        try {
            for (Thread t : threads) {
                t.join(STOP.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
