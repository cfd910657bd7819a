package dev.vigil.worker;

import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.models.clip.ClipInput;
import dev.vigil.models.clip.EncodedClip;
import dev.vigil.models.image.RgbFrame;
import dev.vigil.schema.Clip;
import dev.vigil.schema.ClipFrame;
import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.DeadLetter;
import dev.vigil.schema.TemporalState;
import dev.vigil.schema.TokenMatrix;
import dev.vigil.schema.Topics;
import dev.vigil.schema.dlq.DeadLetters;
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
import org.apache.kafka.clients.producer.ProducerRecord;
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

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An encoder worker: consumes {@code vigil.clips} in a consumer group and, per batch, in one Kafka
 * transaction, produces each clip's {@link ClipTokens} and its camera's new {@link TemporalState} and commits
 * the input offsets. A killed worker therefore loses and duplicates nothing: its open transaction is aborted,
 * and whoever takes over its partitions restores the states committed with the offsets.
 *
 * <p>Batches gather clips from every assigned partition up to a frame budget or a wait, so one vision
 * forward serves many cameras. A partition whose lag exceeds the bound is encoded with STORM's test-time
 * temporal sampling rather than falling further behind. Clips that cannot be encoded go to
 * {@code vigil.dlq} inside the same transaction.
 */
public final class EncoderWorker implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EncoderWorker.class);

    private final WorkerConfig config;
    private final ClipEncoder encoder;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final AvroDeserializer<Clip> clips;
    private final AvroSerializer<ClipTokens> tokensOut;
    private final AvroSerializer<TemporalState> statesOut;
    private final DeadLetters deadLetters;
    private final CameraStates states;
    private final ExecutorService decoders;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Polled> pending = new ArrayList<>();
    private volatile java.util.Set<Integer> owned = java.util.Set.of();

    private final Counter clipsEncoded;
    private final Counter clipsSampled;
    private final Counter clipsDeadLettered;
    private final Counter clipsSkipped;
    private final DistributionSummary batchClips;
    private final DistributionSummary batchFrames;
    private final Timer encodeTime;

    /**
     * @param kafka base client settings (bootstrap servers, security); the worker adds what it needs
     */
    public EncoderWorker(WorkerConfig config, Map<String, Object> kafka, SchemaRegistryClient registry,
                         ClipEncoder encoder, MeterRegistry metrics, Clock clock) {
        this.config = config;
        this.encoder = encoder;
        this.clock = clock;
        this.clips = new AvroDeserializer<>(registry, Clip.class);
        this.tokensOut = new AvroSerializer<>(registry, true, false);
        this.statesOut = new AvroSerializer<>(registry, true, false);
        AvroSerializer<DeadLetter> letters = new AvroSerializer<>(registry, true, false);
        this.deadLetters = new DeadLetters(letters, "encoder-worker-" + config.workerId(), clock);

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

        this.decoders = Executors.newFixedThreadPool(config.decodeThreads(), r -> {
            Thread t = new Thread(r, "jpeg-decode-" + config.workerId());
            t.setDaemon(true);
            return t;
        });
        this.clipsEncoded = Counter.builder("vigil.worker.clips.encoded").register(metrics);
        this.clipsSampled = Counter.builder("vigil.worker.clips.sampled")
                .description("clips encoded with test-time temporal sampling because of lag").register(metrics);
        this.clipsDeadLettered = Counter.builder("vigil.worker.clips.dead.lettered").register(metrics);
        this.clipsSkipped = Counter.builder("vigil.worker.clips.skipped")
                .description("clips already covered by the camera's committed state").register(metrics);
        this.batchClips = DistributionSummary.builder("vigil.worker.batch.clips").register(metrics);
        this.batchFrames = DistributionSummary.builder("vigil.worker.batch.frames").register(metrics);
        this.encodeTime = Timer.builder("vigil.worker.encode.time").register(metrics);
    }

    @Override
    public void run() {
        try {
            producer.initTransactions();
            consumer.subscribe(List.of(Topics.CLIPS), new Rebalance());
            while (running.get()) {
                List<Polled> batch = collectBatch();
                if (!batch.isEmpty()) {
                    process(batch);
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            log.error("worker {} was fenced by a newer instance with the same id; stopping", config.workerId());
        } finally {
            closeClients();
        }
    }

    /** The {@code vigil.clips} partitions this worker owns right now (for health, metrics and tests). */
    public java.util.Set<Integer> ownedPartitions() {
        return owned;
    }

    /** Asks the loop to stop; {@link #run()} returns after the batch in hand. */
    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
    }

    /** Polls until the batch holds {@code maxBatchFrames} frames or {@code maxWait} has passed with some clips. */
    private List<Polled> collectBatch() {
        long deadline = clock.millis() + config.maxWait().toMillis();
        int frames = 0;
        do {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(config.maxWait())) {
                Polled polled = Polled.decode(record, clips);
                pending.add(polled);
                frames += polled.frames();
            }
        } while (running.get() && frames < config.maxBatchFrames() && (pending.isEmpty() || clock.millis() < deadline));
        List<Polled> batch = new ArrayList<>(pending);
        pending.clear();
        return batch;
    }

    private void process(List<Polled> batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        for (Polled p : batch) {
            ConsumerRecord<String, byte[]> r = p.record();
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            offsets.put(tp, new OffsetAndMetadata(r.offset() + 1));
            firstOffsets.merge(tp, r.offset(), Math::min);
        }
        producer.beginTransaction();
        try {
            List<Accepted> accepted = accept(batch);
            Map<String, TemporalState> newStates = encodeAndSend(accepted);
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
            newStates.forEach((camera, state) -> states.put(camera, partitionOf(accepted, camera), state));
            batchClips.record(accepted.size());
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw e;
        } catch (KafkaException e) {
            log.warn("batch of {} clips failed and was aborted; it will be retried: {}", batch.size(), e.getMessage());
            producer.abortTransaction();
            firstOffsets.forEach(consumer::seek);
        }
    }

    /** Decodes records and frames; anything unusable becomes a dead letter in the open transaction. */
    private List<Accepted> accept(List<Polled> batch) {
        List<Candidate> candidates = new ArrayList<>();
        for (Polled polled : batch) {
            ConsumerRecord<String, byte[]> record = polled.record();
            if (polled.error() != null) {
                deadLetter(record, polled.error().getMessage(), polled.error());
                continue;
            }
            Clip clip = polled.clip();
            if (clip == null || clip.getFrames().isEmpty()) {
                deadLetter(record, "clip record on " + record.topic() + " has no frames", null);
                continue;
            }
            if (clip.getModelId() != null && !clip.getModelId().equals(encoder.bundle().id())) {
                deadLetter(record, "clip " + clip.getCameraId() + "#" + clip.getClipIndex() + " asks for model '"
                        + clip.getModelId() + "', but this worker runs '" + encoder.bundle().id() + "'", null);
                continue;
            }
            Optional<TemporalState> state = states.get(clip.getCameraId());
            if (state.isPresent() && clip.getClipIndex() <= state.get().getLastClipIndex()) {
                clipsSkipped.increment(); // already in the camera's committed state: a replay, not new work
                continue;
            }
            List<Future<RgbFrame>> frames = new ArrayList<>();
            for (ClipFrame f : clip.getFrames()) {
                String what = "frame " + f.getSeq() + " of clip " + clip.getCameraId() + "#" + clip.getClipIndex();
                frames.add(decoders.submit(() -> JpegFrames.decode(f.getJpeg(), what)));
            }
            candidates.add(new Candidate(record, clip, frames));
        }
        List<Accepted> accepted = new ArrayList<>();
        for (Candidate c : candidates) {
            try {
                List<RgbFrame> frames = new ArrayList<>();
                for (Future<RgbFrame> f : c.frames()) {
                    frames.add(f.get());
                }
                accepted.add(new Accepted(c.record(), c.clip(), frames, strideFor(c.record())));
            } catch (ExecutionException e) {
                deadLetter(c.record(), e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("interrupted while decoding frames", e);
            }
        }
        return accepted;
    }

    /** Encodes the accepted clips in one batch (falling back to one by one to isolate a poison clip) and sends the results. */
    private Map<String, TemporalState> encodeAndSend(List<Accepted> accepted) {
        Map<String, TemporalState> newStates = new LinkedHashMap<>();
        if (accepted.isEmpty()) {
            return newStates;
        }
        List<EncodedClip> encoded;
        List<Accepted> encodedFrom = accepted;
        try {
            encoded = encodeTime.record(() -> encoder.encode(inputs(accepted, newStates)));
        } catch (RuntimeException batchFailure) {
            log.warn("batch encode failed ({}); encoding clips one by one", batchFailure.getMessage());
            encoded = new ArrayList<>();
            encodedFrom = new ArrayList<>();
            for (Accepted one : accepted) {
                try {
                    encoded.addAll(encoder.encode(inputs(List.of(one), newStates)));
                    encodedFrom.add(one);
                    apply(one, encoded.get(encoded.size() - 1), newStates);
                } catch (RuntimeException e) {
                    deadLetter(one.record(), "clip " + one.clip().getCameraId() + "#" + one.clip().getClipIndex()
                            + " cannot be encoded: " + e.getMessage(), e);
                }
            }
            batchFrames.record(encodedFrom.stream().mapToInt(a -> a.frames().size()).sum());
            return newStates;
        }
        for (int i = 0; i < encoded.size(); i++) {
            apply(encodedFrom.get(i), encoded.get(i), newStates);
        }
        batchFrames.record(accepted.stream().mapToInt(a -> a.frames().size()).sum());
        return newStates;
    }

    /** Builds encoder inputs; each camera's state is its newest: from this batch, else committed, else fresh. */
    private List<ClipInput> inputs(List<Accepted> accepted, Map<String, TemporalState> newStates) {
        List<ClipInput> inputs = new ArrayList<>();
        for (Accepted a : accepted) {
            String camera = a.clip().getCameraId();
            Optional<byte[]> state = Optional.ofNullable(newStates.get(camera)).or(() -> states.get(camera))
                    .map(s -> bytes(s.getState()));
            inputs.add(new ClipInput(camera, a.frames(), state, a.stride()));
        }
        return inputs;
    }

    /** Sends one clip's tokens and its camera's new state, and remembers the state for the rest of the batch. */
    private void apply(Accepted a, EncodedClip e, Map<String, TemporalState> newStates) {
        Clip clip = a.clip();
        String camera = clip.getCameraId();
        Instant now = clock.instant();
        int[] kept = e.keptFrames();
        List<Instant> frameTimes = Arrays.stream(kept).mapToObj(i -> clip.getFrames().get(i).getEventTime()).toList();
        ClipFrame middle = clip.getFrames().get(clip.getFrames().size() / 2);
        byte[] keyframe = JpegFrames.thumbnail(middle.getJpeg(), config.keyframeLongest(), "keyframe of " + camera);
        ClipTokens tokens = ClipTokens.newBuilder()
                .setCameraId(camera).setClipIndex(clip.getClipIndex())
                .setStart(clip.getStart()).setEnd(clip.getEnd())
                .setModelId(encoder.bundle().id())
                .setTokens(new TokenMatrix(e.tokenCount(), e.dim(), ByteBuffer.wrap(e.tokensFp16())))
                .setTokenSizes(Arrays.stream(e.tokenSizes()).boxed().toList())
                .setFrameEmbeddings(new TokenMatrix(e.frameCount(), e.dim(), ByteBuffer.wrap(e.frameEmbeddingsFp16())))
                .setFrameTimes(frameTimes)
                .setSamplingStride(a.stride())
                .setPartial(clip.getPartial())
                .setKeyframe(ByteBuffer.wrap(keyframe))
                .setIngestTime(clip.getIngestTime())
                .setEncodeTime(now)
                .build();
        long previousCount = Optional.ofNullable(newStates.get(camera)).or(() -> states.get(camera))
                .map(TemporalState::getGlobalCount).orElse(0L);
        TemporalState state = TemporalState.newBuilder()
                .setCameraId(camera).setModelId(encoder.bundle().id())
                .setLastClipIndex(clip.getClipIndex()).setEventTime(clip.getEnd())
                .setState(ByteBuffer.wrap(e.newState()))
                .setGlobalCount(previousCount + e.frameCount())
                .setGlobalEmbedding(ByteBuffer.wrap(littleEndian(e.globalMean())))
                .setIngestTime(now)
                .build();
        producer.send(new ProducerRecord<>(Topics.CLIP_TOKENS, camera, tokensOut.serialize(Topics.CLIP_TOKENS, tokens)));
        producer.send(new ProducerRecord<>(Topics.TEMPORAL_STATE, camera, statesOut.serialize(Topics.TEMPORAL_STATE, state)));
        newStates.put(camera, state);
        clipsEncoded.increment();
        if (a.stride() > 1) {
            clipsSampled.increment();
        }
    }

    /** Test-time temporal sampling for partitions that fell behind by more than the lag bound. */
    private int strideFor(ConsumerRecord<String, byte[]> record) {
        long lag = consumer.currentLag(new TopicPartition(record.topic(), record.partition())).orElse(0L);
        return lag > config.lagBound() ? config.degradedStride() : 1;
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason, Throwable error) {
        log.warn("dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
        ProducerRecord<byte[], byte[]> letter = deadLetters.of(record.topic(), record.partition(), record.offset(),
                record.key() == null ? null : record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                record.value(), reason, error);
        producer.send(new ProducerRecord<>(Topics.DLQ, null, record.key(), letter.value(), letter.headers()));
        clipsDeadLettered.increment();
    }

    private int partitionOf(List<Accepted> accepted, String camera) {
        return accepted.stream().filter(a -> a.clip().getCameraId().equals(camera)).findFirst()
                .map(a -> a.record().partition()).orElse(-1);
    }

    private void closeClients() {
        decoders.shutdownNow();
        try {
            consumer.close();
        } finally {
            producer.close();
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            out.putFloat(v);
        }
        return out.array();
    }

    /** Restores camera states on assignment and forgets them (and pending clips) on revocation. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            pending.removeIf(p -> partitions.contains(new TopicPartition(p.record().topic(), p.record().partition())));
            states.drop(partitions);
            java.util.Set<Integer> left = new java.util.TreeSet<>(owned);
            partitions.forEach(tp -> left.remove(tp.partition()));
            owned = java.util.Set.copyOf(left);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
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
    }

    /** A polled record, decoded once: its clip, or why it is not one. */
    private record Polled(ConsumerRecord<String, byte[]> record, Clip clip, WireFormatException error) {
        static Polled decode(ConsumerRecord<String, byte[]> record, AvroDeserializer<Clip> clips) {
            try {
                return new Polled(record, clips.deserialize(record.topic(), record.value()), null);
            } catch (WireFormatException e) {
                return new Polled(record, null, e);
            }
        }

        /** The clip's frames toward the batch budget; an unreadable record counts as one (it costs no forward). */
        int frames() {
            return clip == null ? 1 : Math.max(1, clip.getFrames().size());
        }
    }

    private record Candidate(ConsumerRecord<String, byte[]> record, Clip clip, List<Future<RgbFrame>> frames) {
    }

    private record Accepted(ConsumerRecord<String, byte[]> record, Clip clip, List<RgbFrame> frames, int stride) {
    }

}
