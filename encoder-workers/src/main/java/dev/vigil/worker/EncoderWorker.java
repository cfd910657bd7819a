package dev.vigil.worker;

import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.schema.Clip;
import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.TemporalState;
import dev.vigil.schema.Topics;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.serde.AvroDeserializer;
import dev.vigil.schema.serde.AvroSerializer;
import dev.vigil.schema.serde.WireFormatException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An encoder worker: consumes {@code vigil.clips} in a consumer group and, per batch, in one Kafka
 * transaction, produces each clip's {@link ClipTokens} and its camera's new {@link TemporalState} and commits
 * the input offsets. A killed worker therefore loses and duplicates nothing: its open transaction is aborted,
 * and whoever takes over its partitions restores the states committed with the offsets.
 *
 * <p>Batches gather clips from every assigned partition up to a frame budget, so one vision forward serves many
 * cameras. The work is pipelined over three kinds of thread: this loop polls, decides and commits; decode
 * threads turn JPEGs into model-size frames as soon as a clip is polled; one encoder thread runs the model
 * ({@link BatchEncoding}). While batch n is being encoded, the loop gathers batch n+1 (which therefore grows with
 * the load), then commits n and hands over n+1, so the model is idle only for a commit. Batch n+1 is handed over
 * only after n is committed, so it starts from committed camera states, and a failed commit rewinds both.
 *
 * <p>A partition whose lag exceeds the bound is encoded with STORM's test-time temporal sampling rather than
 * falling further behind. Clips that cannot be encoded go to {@code vigil.dlq} inside the same transaction.
 */
public final class EncoderWorker implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EncoderWorker.class);
    /** Poll timeout while the encoder is busy: short, so a finished batch is committed promptly. */
    private static final Duration BUSY_POLL = Duration.ofMillis(10);
    /** This many failed batches in a row is a loop, not a hiccup: health reports the worker down. */
    static final int LOOPING_FAILURES = 5;

    private final WorkerConfig config;
    private final ClipEncoder encoder;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final AvroDeserializer<Clip> clips;
    private final CameraStates states;
    private final ExecutorService decoders;
    private final ExecutorService encoderThread;
    private final ClipDecoding decoding;
    private final BatchEncoding encoding;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean(true);
    /** Polled records not yet handed to the encoder (loop thread only, like everything below). */
    private final List<Polled> pending = new ArrayList<>();
    private InFlight inFlight;
    private volatile java.util.Set<Integer> owned = java.util.Set.of();
    /** Batches that failed and were rewound since the last commit, and the last failure (for health). */
    private volatile int failuresInARow;
    private volatile String lastFailure;
    /** Why the loop ended on its own, or null while it runs or after a requested stop. */
    private volatile String stoppedBy;

    private final Counter clipsEncoded;
    private final Counter clipsSampled;
    private final Counter clipsDeadLettered;
    private final Counter framesDropped;
    private final Counter clipsSkipped;
    private final DistributionSummary batchClips;
    private final DistributionSummary batchFrames;
    private final Timer commitTime;

    /**
     * @param kafka base client settings (bootstrap servers, security); the worker adds what it needs
     */
    public EncoderWorker(WorkerConfig config, Map<String, Object> kafka, SchemaRegistryClient registry,
                         ClipEncoder encoder, MeterRegistry metrics, Clock clock) {
        this.config = config;
        this.encoder = encoder;
        this.clock = clock;
        this.clips = new AvroDeserializer<>(registry, Clip.class);

        Map<String, Object> consumerConfig = new HashMap<>(kafka);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "encoder-" + config.workerId());
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(1, config.maxBatchFrames() / 2));
        consumerConfig.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        this.consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());

        Map<String, Object> restoreConfig = new HashMap<>(kafka);
        restoreConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        restoreConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        restoreConfig.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        this.states = new CameraStates(restoreConfig, new AvroDeserializer<>(registry, TemporalState.class),
                encoder.bundle().id());

        Map<String, Object> producerConfig = new HashMap<>(kafka);
        producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalId());
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 << 20);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producerConfig.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());

        this.decoders = Executors.newFixedThreadPool(config.decodeThreads(), daemon("jpeg-decode-" + config.workerId()));
        this.encoderThread = Executors.newSingleThreadExecutor(daemon("vigil-encode-" + config.workerId()));
        this.decoding = new ClipDecoding(decoders, encoder.bundle().vision().preprocessor(), config.keyframeLongest());
        Timer encodeTime = Timer.builder("vigil.worker.encode.time")
                .description("batched model calls on the encoder thread").register(metrics);
        this.encoding = new BatchEncoding(encoder, new AvroSerializer<>(registry, true, false),
                new AvroSerializer<>(registry, true, false), new AvroSerializer<>(registry, true, false),
                "encoder-worker-" + config.workerId(), encodeTime, clock);
        this.clipsEncoded = Counter.builder("vigil.worker.clips.encoded")
                .description("clips encoded into tokens and committed").register(metrics);
        this.clipsSampled = Counter.builder("vigil.worker.clips.sampled")
                .description("clips encoded with test-time temporal sampling because of lag").register(metrics);
        this.clipsDeadLettered = Counter.builder("vigil.worker.clips.dead.lettered")
                .description("clips that could not be encoded, sent to vigil.dlq with the reason").register(metrics);
        this.framesDropped = Counter.builder("vigil.worker.frames.dropped")
                .description("frames that could not be decoded, left out of their clips and dead-lettered alone").register(metrics);
        this.clipsSkipped = Counter.builder("vigil.worker.clips.skipped")
                .description("clips already covered by the camera's committed state").register(metrics);
        this.batchClips = DistributionSummary.builder("vigil.worker.batch.clips")
                .description("clips per encoder batch").register(metrics);
        this.batchFrames = DistributionSummary.builder("vigil.worker.batch.frames")
                .description("frames per encoder batch").register(metrics);
        this.commitTime = Timer.builder("vigil.worker.commit.time")
                .description("sending a batch's records and committing its transaction").register(metrics);
    }

    @Override
    public void run() {
        try {
            producer.initTransactions();
            consumer.subscribe(List.of(Topics.CLIPS), new Rebalance());
            while (running.get()) {
                List<Polled> next = collectBatch();
                if (!settle(next)) {
                    continue; // the failed batch and `next` were rewound: poll them again
                }
                if (!next.isEmpty()) {
                    handOver(next);
                }
            }
            settle(List.of());
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
            settleQuietly();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            stoppedBy = "fenced by a newer instance with the same id";
            log.error("worker {} was fenced by a newer instance with the same id; stopping", config.workerId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            stoppedBy = String.valueOf(e);
            log.error("worker {} stopped: its loop failed", config.workerId(), e);
            throw e;
        } finally {
            closeClients();
        }
    }

    /** The {@code vigil.clips} partitions this worker owns right now (for health, metrics and tests). */
    public java.util.Set<Integer> ownedPartitions() {
        return owned;
    }

    /**
     * Null while the worker works; otherwise what is wrong, naming the worker: its loop ended on its own (fenced,
     * or failed), or it is looping (its last {@value #LOOPING_FAILURES} or more batches failed and were rewound).
     * A worker stopped by {@link #close()} has no problem.
     */
    public String problem() {
        if (stoppedBy != null) {
            return "encoder worker " + config.workerId() + " stopped: " + stoppedBy;
        }
        int failures = failuresInARow;
        return failures < LOOPING_FAILURES ? null : "encoder worker " + config.workerId() + " is looping: its last "
                + failures + " batches failed and were retried (last: " + lastFailure + ")";
    }

    /** Asks the loop to stop; {@link #run()} commits the batch being encoded and returns. */
    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
    }

    /**
     * Polls until the batch holds {@code maxBatchFrames} frames, or the encoder has finished the batch in flight
     * (which must be committed now), or, with the encoder idle, {@code maxWait} has passed with some clips.
     * The batch holds at most {@code maxBatchFrames} frames (or one clip, if that alone is larger).
     */
    private List<Polled> collectBatch() {
        long deadline = clock.millis() + config.maxWait().toMillis();
        int frames = pending.stream().mapToInt(Polled::frames).sum();
        while (running.get() && frames < config.maxBatchFrames()) {
            boolean encoding = inFlight != null && !inFlight.result().isDone();
            if (inFlight != null && !encoding) {
                break;
            }
            long left = deadline - clock.millis();
            if (!encoding && !pending.isEmpty() && left <= 0) {
                break;
            }
            Duration timeout = encoding ? BUSY_POLL : pending.isEmpty() ? config.maxWait() : Duration.ofMillis(left);
            for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
                Polled polled = Polled.read(record, clips, decoding);
                pending.add(polled);
                frames += polled.frames();
            }
        }
        // A poll can overshoot the budget; what does not fit stays pending for the next batch (a prefix of the
        // pending list is a prefix of every partition's records, so the batch's offsets stay contiguous).
        List<Polled> batch = new ArrayList<>();
        int taken = 0;
        for (java.util.Iterator<Polled> it = pending.iterator(); it.hasNext(); ) {
            Polled p = it.next();
            if (!batch.isEmpty() && taken + p.frames() > config.maxBatchFrames()) {
                break;
            }
            batch.add(p);
            taken += p.frames();
            it.remove();
        }
        return batch;
    }

    /** Hands a batch to the encoder thread, with the committed state of each of its cameras as of now. */
    private void handOver(List<Polled> batch) {
        List<BatchEncoding.Job> jobs = new ArrayList<>(batch.size());
        int skipped = 0;
        for (Polled p : batch) {
            ConsumerRecord<String, byte[]> record = p.record();
            Clip clip = p.clip();
            Exception problem = p.problem(encoder.bundle().id());
            if (problem != null) {
                jobs.add(new BatchEncoding.Job(record, clip, problem, null, 1, Optional.empty()));
                continue;
            }
            Optional<TemporalState> committed = states.get(clip.getCameraId());
            if (committed.isPresent() && clip.getClipIndex() <= committed.get().getLastClipIndex()) {
                skipped++; // already in the camera's committed state: a replay, not new work
                continue;
            }
            jobs.add(new BatchEncoding.Job(record, clip, null, p.decoding(), strideFor(record), committed));
        }
        clipsSkipped.increment(skipped);
        Batch offsets = Batch.of(batch);
        inFlight = new InFlight(offsets, encoderThread.submit(() -> encoding.encode(jobs)));
    }

    /**
     * Commits the batch in flight, if any: waits for the encoder, sends its records and offsets in one
     * transaction. On a retriable failure the transaction is aborted and the consumer rewound to the failed
     * batch, so that it, {@code collected} (polled but not handed over) and the pending records are polled again.
     *
     * @return false when the batch failed and was rewound
     */
    private boolean settle(List<Polled> collected) throws InterruptedException {
        if (inFlight == null) {
            return true;
        }
        InFlight batch = inFlight;
        inFlight = null;
        BatchEncoding.Result result;
        try {
            result = batch.result().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the encoder thread failed on a batch of " + batch.offsets().size()
                    + " records: " + e.getCause(), e.getCause());
        }
        long started = System.nanoTime();
        producer.beginTransaction();
        try {
            result.records().forEach(producer::send);
            producer.sendOffsetsToTransaction(batch.offsets().next(), consumer.groupMetadata());
            producer.commitTransaction();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw e;
        } catch (KafkaException e) {
            log.warn("batch of {} records failed and was aborted; it will be retried: {}", batch.offsets().size(),
                    e.getMessage());
            lastFailure = String.valueOf(e);
            failuresInARow++;
            producer.abortTransaction();
            // Everything polled since the failed batch is polled again: the batch, `collected` and what is pending.
            Map<TopicPartition, Long> rewind = new HashMap<>(Batch.of(collected).first());
            Batch.of(pending).first().forEach((tp, offset) -> rewind.merge(tp, offset, Math::min));
            batch.offsets().first().forEach((tp, offset) -> rewind.merge(tp, offset, Math::min));
            rewind.forEach(consumer::seek);
            pending.clear();
            return false;
        }
        commitTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        failuresInARow = 0;
        result.newStates().forEach((camera, state) -> states.put(camera, result.partitions().get(camera), state));
        clipsEncoded.increment(result.clips());
        clipsSampled.increment(result.sampled());
        clipsDeadLettered.increment(result.deadLettered());
        framesDropped.increment(result.framesDropped());
        batchClips.record(result.clips());
        batchFrames.record(result.frames());
        return true;
    }

    /** On stop: commits the batch in flight if that still works; otherwise the next owner redoes it. */
    private void settleQuietly() {
        try {
            settle(List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("worker {} could not commit its last batch while stopping; it will be encoded again: {}",
                    config.workerId(), e.getMessage());
        }
    }

    /** Test-time temporal sampling for partitions that fell behind by more than the lag bound. */
    private int strideFor(ConsumerRecord<String, byte[]> record) {
        long lag = consumer.currentLag(new TopicPartition(record.topic(), record.partition())).orElse(0L);
        return lag > config.lagBound() ? config.degradedStride() : 1;
    }

    private void closeClients() {
        decoders.shutdownNow();
        encoderThread.shutdownNow();
        try {
            consumer.close();
        } finally {
            producer.close();
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Restores camera states on assignment. On revocation it first commits the batch in flight (its offsets can
     * only be committed while the partitions are still ours), then forgets the partitions' pending clips and
     * states; on loss the batch in flight is dropped, since its partitions already have another owner.
     */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                try {
                    settle(List.of());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    inFlight = null;
                } catch (KafkaException e) {
                    if (e instanceof ProducerFencedException || e instanceof InvalidProducerEpochException) {
                        throw e;
                    }
                    log.warn("could not commit the batch in flight before a rebalance; it will be encoded again: {}",
                            e.getMessage());
                    inFlight = null;
                }
            }
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (inFlight != null) {
                log.warn("lost partitions {} with a batch in flight; its new owner encodes it again", partitions);
                inFlight = null;
            }
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            states.restore(partitions);
            java.util.Set<Integer> now = new java.util.TreeSet<>(owned);
            partitions.forEach(tp -> now.add(tp.partition()));
            owned = java.util.Set.copyOf(now);
            log.info("worker {} owns clip partitions {} ({} cameras with state)", config.workerId(),
                    partitions.stream().map(TopicPartition::partition).sorted().toList(), states.size());
        }

        private void forget(Collection<TopicPartition> partitions) {
            pending.removeIf(p -> partitions.contains(new TopicPartition(p.record().topic(), p.record().partition())));
            states.drop(partitions);
            java.util.Set<Integer> left = new java.util.TreeSet<>(owned);
            partitions.forEach(tp -> left.remove(tp.partition()));
            owned = java.util.Set.copyOf(left);
        }
    }

    /** A batch being encoded, and the offsets its transaction commits. */
    private record InFlight(Batch offsets, Future<BatchEncoding.Result> result) {
    }

    /** A batch's offsets: the next offset to commit and the first offset to rewind to, per partition. */
    private record Batch(Map<TopicPartition, OffsetAndMetadata> next, Map<TopicPartition, Long> first, int size) {
        static Batch of(List<Polled> records) {
            Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
            Map<TopicPartition, Long> first = new HashMap<>();
            for (Polled p : records) {
                ConsumerRecord<String, byte[]> r = p.record();
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                next.merge(tp, new OffsetAndMetadata(r.offset() + 1),
                        (a, b) -> a.offset() >= b.offset() ? a : b);
                first.merge(tp, r.offset(), Math::min);
            }
            return new Batch(next, first, records.size());
        }
    }

    /** A polled record, read once: its clip (with its frames already decoding), or why it is not one. */
    private record Polled(ConsumerRecord<String, byte[]> record, Clip clip, WireFormatException error,
                          ClipDecoding.Pending decoding) {
        static Polled read(ConsumerRecord<String, byte[]> record, AvroDeserializer<Clip> clips, ClipDecoding decoding) {
            Clip clip;
            try {
                clip = clips.deserialize(record.topic(), record.value());
            } catch (WireFormatException e) {
                return new Polled(record, null, e, null);
            }
            boolean usable = clip != null && !clip.getFrames().isEmpty();
            return new Polled(record, clip, null, usable ? decoding.submit(clip) : null);
        }

        /** Why this record cannot be encoded by a worker running {@code modelId}, or null. */
        Exception problem(String modelId) {
            if (error != null) {
                return error;
            }
            if (clip == null || clip.getFrames().isEmpty()) {
                return new PoisonClipException("clip record on " + record.topic() + " has no frames", null);
            }
            if (clip.getModelId() != null && !clip.getModelId().equals(modelId)) {
                return new PoisonClipException("clip " + clip.getCameraId() + "#" + clip.getClipIndex()
                        + " asks for model '" + clip.getModelId() + "', but this worker runs '" + modelId + "'", null);
            }
            return null;
        }

        /** The clip's frames toward the batch budget; an unreadable record counts as one (it costs no forward). */
        int frames() {
            return clip == null ? 1 : Math.max(1, clip.getFrames().size());
        }
    }
}
