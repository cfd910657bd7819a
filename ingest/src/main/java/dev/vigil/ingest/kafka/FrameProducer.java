package dev.vigil.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.ingest.CameraMeters;
import dev.vigil.ingest.CapturedFrame;
import dev.vigil.ingest.FrameSink;
import dev.vigil.ingest.FrameSinks;
import dev.vigil.ingest.RedactedUrl;
import dev.vigil.schema.Frame;
import dev.vigil.schema.Topics;
import dev.vigil.schema.dlq.DeadLetters;

/**
 * Writes captured frames to {@code vigil.frames}: one idempotent producer shared by all cameras of an
 * ingest instance, key = camera id (UTF-8), value = Avro {@link Frame} in the Confluent wire format,
 * record timestamp = event time, headers {@value #HEADER_SOURCE} (a {@link SourceHash} of the redacted URL)
 * and {@value #HEADER_SEQ} (the per-camera sequence number, decimal UTF-8).
 *
 * <p>Each camera's {@link FrameSink} holds an {@link InFlightBudget}: when that many frames or bytes are
 * unacknowledged, the next frame is dropped (counted as {@code backpressure}), never queued, so a slow
 * Kafka costs frames, not memory. Every send ends in exactly one of: acknowledged (counted, latency
 * timed), failed (counted as {@code send_error} and logged), or refused before sending (backpressure,
 * or {@code oversize} when the record would exceed the topic's limit — then a small dead letter with the
 * reason goes to {@code vigil.dlq}).
 */
public final class FrameProducer implements FrameSinks, AutoCloseable {

    /** Header naming where the frame came from, without credentials. */
    public static final String HEADER_SOURCE = "vigil.source";
    /** Header with the per-camera sequence number. */
    public static final String HEADER_SEQ = "vigil.seq";

    private static final Logger log = LoggerFactory.getLogger(FrameProducer.class);
    private static final String SERVICE = "vigil-ingest";

    private final Producer<byte[], byte[]> producer;
    private final Serializer<Frame> frames;
    private final DeadLetters deadLetters;
    private final int maxRecordBytes;
    private final InFlightLimit limit;

    /**
     * @param clientConfig   connection settings (bootstrap servers, security); tuning is added by
     *                       {@link #producerConfig}
     * @param frames         the Confluent-wire serializer of {@link Frame}
     * @param deadLetters    builds the dead letters of oversize frames
     * @param maxRecordBytes the largest record {@code vigil.frames} takes (its {@code max.message.bytes})
     * @param limit          per camera in-flight limit
     */
    public FrameProducer(Map<String, Object> clientConfig, Serializer<Frame> frames, DeadLetters deadLetters,
                         int maxRecordBytes, InFlightLimit limit) {
        this.producer = new KafkaProducer<>(producerConfig(clientConfig, maxRecordBytes));
        this.frames = frames;
        this.deadLetters = deadLetters;
        this.maxRecordBytes = maxRecordBytes;
        this.limit = limit;
    }

    /**
     * The producer settings for frames on top of {@code clientConfig}:
     * <ul>
     * <li>idempotent with {@code acks=all}: a retried batch is never written twice and per-camera order holds;</li>
     * <li>{@code compression.type=none}: a frame record is two JPEGs plus some 60 bytes of Avro fields and
     *     headers; JPEG is already entropy-coded, so lz4 or zstd would gain well under 1 % and spend CPU
     *     (ours and the broker's) on every byte;</li>
     * <li>{@code linger.ms=20}, {@code batch.size=256 KiB}: frames are 15–60 KB, so the 16 KiB default would
     *     give every frame a batch and a request of its own; a short linger lets frames of the cameras sharing
     *     a partition travel together without delaying any camera noticeably (frames are 100–500 ms apart);</li>
     * <li>{@code max.request.size} = the topic's {@code max.message.bytes}: the producer refuses what the
     *     broker would refuse, and we check the same bound ourselves before sending (see {@link #maxRecordBytes});</li>
     * <li>{@code max.block.ms=5 s}, {@code delivery.timeout.ms=30 s}: a camera thread never waits long on
     *     Kafka, and a frame that cannot be delivered in 30 s is reported as failed rather than retried for ever.</li>
     * </ul>
     */
    public static Map<String, Object> producerConfig(Map<String, Object> clientConfig, int maxRecordBytes) {
        Map<String, Object> c = new HashMap<>(clientConfig);
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        c.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, Math.min(256 << 10, maxRecordBytes));
        c.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRecordBytes);
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        c.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "vigil-ingest-frames");
        return c;
    }

    /** The largest record this producer sends, in bytes, as the broker counts it (batch overhead included). */
    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    @Override
    public FrameSink forCamera(String cameraId, RedactedUrl url, CameraMeters meters, boolean wait) {
        SourceHash source = SourceHash.of(url);
        InFlightBudget budget = new InFlightBudget(limit);
        meters.inFlightBytes(budget::bytes);
        return new FrameSink() {
            @Override
            public boolean offer(CapturedFrame frame) {
                return send(frame, source, meters, budget, wait);
            }

            @Override
            public void dropped(CapturedFrame frame, String reason) {
                deadLetter(frame, frame.cameraId().getBytes(StandardCharsets.UTF_8), reason);
            }
        };
    }

    /** Sends one frame unless the camera's budget or the size limit says no; true if it was sent. */
    private boolean send(CapturedFrame frame, SourceHash source, CameraMeters meters, InFlightBudget budget, boolean wait) {
        byte[] key = frame.cameraId().getBytes(StandardCharsets.UTF_8);
        byte[] value;
        try {
            value = frames.serialize(Topics.FRAMES, toAvro(frame));
        } catch (RuntimeException e) {
            // The registry being unreachable lands here: the frame is lost, visibly, and the camera goes on.
            meters.sendFailed();
            log.warn("camera {}: frame #{} could not be serialized: {}", frame.cameraId(), frame.sequence(),
                    e.toString());
            return false;
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(HEADER_SOURCE, source.bytes());
        headers.add(HEADER_SEQ, Long.toString(frame.sequence()).getBytes(StandardCharsets.UTF_8));
        Header[] headerArray = headers.toArray();
        int size = AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
                key, value, headerArray);
        if (size > maxRecordBytes) {
            meters.frameDropped("oversize");
            log.warn("camera {}: frame #{} at {} is a {}-byte record, over the {}-byte limit of {}; not sent, "
                            + "dead letter written", frame.cameraId(), frame.sequence(), frame.eventTime(), size,
                    maxRecordBytes, Topics.FRAMES);
            deadLetter(frame, key, size);
            return false;
        }
        if (wait ? !budget.take(size) : !budget.tryTake(size)) {
            meters.frameDropped("backpressure");
            log.debug("camera {}: frame #{} dropped, {} frames ({} bytes) still unacknowledged", frame.cameraId(),
                    frame.sequence(), budget.records(), budget.bytes());
            return false;
        }
        long sentAt = System.nanoTime();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.FRAMES, null,
                frame.eventTime().toEpochMilli(), key, value, headers);
        try {
            producer.send(record, (metadata, error) -> {
                budget.giveBack(size);
                if (error == null) {
                    meters.frameProduced(Duration.ofNanos(System.nanoTime() - sentAt));
                } else {
                    meters.sendFailed();
                    log.warn("camera {}: frame #{} at {} was not acknowledged by Kafka: {}", frame.cameraId(),
                            frame.sequence(), frame.eventTime(), error.toString());
                }
            });
            return true;
        } catch (KafkaException | IllegalStateException e) {
            // send() itself failed (metadata not available within max.block.ms, producer closed): no callback comes.
            budget.giveBack(size);
            meters.sendFailed();
            log.warn("camera {}: frame #{} could not be sent: {}", frame.cameraId(), frame.sequence(), e.toString());
            return false;
        }
    }

    private static Frame toAvro(CapturedFrame f) {
        return Frame.newBuilder()
                .setCameraId(f.cameraId())
                .setSeq(f.sequence())
                .setEventTime(f.eventTime().truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
                .setIngestTime(f.ingestTime().truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
                .setWidth(f.width())
                .setHeight(f.height())
                .setJpeg(java.nio.ByteBuffer.wrap(f.jpeg()))
                .setThumbnail(java.nio.ByteBuffer.wrap(f.thumbnail()))
                .build();
    }

    /** A small dead letter (no image bytes: they are what is too large) naming the frame and the reason. */
    private void deadLetter(CapturedFrame frame, byte[] key, int size) {
        deadLetter(frame, key, "frame #" + frame.sequence() + " of camera " + frame.cameraId() + " at " + frame.eventTime()
                + " is a " + size + "-byte record, over the " + maxRecordBytes + "-byte limit of " + Topics.FRAMES
                + " (" + frame.width() + "x" + frame.height() + ", JPEG " + frame.jpeg().length
                + " bytes): lower resizeLongest or jpegQuality");
    }

    private void deadLetter(CapturedFrame frame, byte[] key, String reason) {
        try {
            producer.send(deadLetters.of(Topics.FRAMES, -1, -1, key, null, reason, null), (m, e) -> {
                if (e != null) {
                    log.warn("camera {}: dead letter for frame #{} was not written: {}", frame.cameraId(),
                            frame.sequence(), e.toString());
                }
            });
        } catch (RuntimeException e) {
            log.warn("camera {}: dead letter for frame #{} was not written: {}", frame.cameraId(), frame.sequence(),
                    e.toString());
        }
    }

    /** Waits until every frame sent so far is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    /** Sends what is pending (waiting at most 10 s) and closes the producer. */
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
