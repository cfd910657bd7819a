package dev.vigil.worker;

import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.models.clip.ClipInput;
import dev.vigil.models.clip.EncodedClip;
import dev.vigil.schema.Clip;
import dev.vigil.schema.ClipFrame;
import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.DeadLetter;
import dev.vigil.schema.TemporalState;
import dev.vigil.schema.TokenMatrix;
import dev.vigil.schema.Topics;
import dev.vigil.schema.dlq.DeadLetters;
import dev.vigil.schema.serde.AvroSerializer;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The worker's compute step, run on its encoder thread: waits for a batch's decoded frames, encodes the clips
 * in one batched call and turns the results (and every clip that cannot be encoded) into the records the
 * worker's transaction will send. It touches no Kafka client, so the worker's loop can poll, decode and commit
 * the neighbouring batches meanwhile.
 *
 * <p>Not thread-safe: one encoder thread runs it (its serializers are used by that thread only).
 */
final class BatchEncoding {
    private static final Logger log = LoggerFactory.getLogger(BatchEncoding.class);
    /** A record batch's header, the record's key and framing: what a record takes beyond its value. */
    private static final int RECORD_OVERHEAD_BYTES = 4 << 10;

    private final ClipEncoder encoder;
    private final AvroSerializer<ClipTokens> tokensOut;
    private final AvroSerializer<TemporalState> statesOut;
    private final DeadLetters deadLetters;
    private final Timer encodeTime;
    private final Clock clock;
    /** The broker's record limits of the two output topics, checked before a record is sent (a refused record would abort the transaction again and again). */
    private final int maxTokensBytes;
    private final int maxStateBytes;

    BatchEncoding(ClipEncoder encoder, AvroSerializer<ClipTokens> tokensOut, AvroSerializer<TemporalState> statesOut,
                  AvroSerializer<DeadLetter> letters, String service, Timer encodeTime, Clock clock) {
        this.encoder = encoder;
        this.tokensOut = tokensOut;
        this.statesOut = statesOut;
        this.deadLetters = new DeadLetters(letters, service, clock);
        this.encodeTime = encodeTime;
        this.clock = clock;
        Topics topics = Topics.singleBroker(); // record limits do not depend on the partition layout
        this.maxTokensBytes = topics.spec(Topics.CLIP_TOKENS).maxMessageBytes() - RECORD_OVERHEAD_BYTES;
        this.maxStateBytes = topics.spec(Topics.TEMPORAL_STATE).maxMessageBytes() - RECORD_OVERHEAD_BYTES;
    }

    /**
     * One clip of a batch as the worker's loop prepared it.
     *
     * @param record    the {@code vigil.clips} record
     * @param clip      its clip, or null when the record could not be read ({@code problem} says why)
     * @param problem   why the record must be dead-lettered without encoding, or null
     * @param decoding  the clip's frames being decoded (null with a problem)
     * @param stride    the temporal sampling stride for this clip
     * @param committed the camera's committed state when the batch was handed over, if any
     */
    record Job(ConsumerRecord<String, byte[]> record, Clip clip, Exception problem, ClipDecoding.Pending decoding,
               int stride, Optional<TemporalState> committed) {
    }

    /**
     * What one batch produced.
     *
     * @param records       every record to send in the batch's transaction: tokens, states and dead letters
     * @param newStates     each encoded camera's state after the batch
     * @param partitions    each encoded camera's {@code vigil.clips} partition
     * @param clips         clips encoded
     * @param sampled       of those, clips encoded with temporal sampling
     * @param frames        frames handed to the encoder
     * @param deadLettered  clip records dead-lettered
     * @param framesDropped single frames left out of their clips (each dead-lettered alone)
     */
    record Result(List<ProducerRecord<String, byte[]>> records, Map<String, TemporalState> newStates,
                  Map<String, Integer> partitions, int clips, int sampled, int frames, int deadLettered,
                  int framesDropped) {
    }

    private record Accepted(Job job, ClipDecoding.DecodedClip decoded) {
        Clip clip() {
            return job.clip();
        }
    }

    /** Encodes a batch; clips that cannot be decoded or encoded become dead letters in the result. */
    Result encode(List<Job> batch) throws InterruptedException {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        List<Accepted> accepted = new ArrayList<>();
        for (Job job : batch) {
            if (job.problem() != null) {
                out.add(deadLetter(job.record(), job.problem().getMessage(), job.problem()));
                continue;
            }
            try {
                ClipDecoding.DecodedClip decoded = job.decoding().await();
                decoded.dropped().forEach(d -> out.add(frameDeadLetter(job, d)));
                accepted.add(new Accepted(job, decoded));
            } catch (PoisonClipException e) {
                out.add(deadLetter(job.record(), e.getMessage(), e.getCause() == null ? e : e.getCause()));
            }
        }
        Map<String, TemporalState> newStates = new LinkedHashMap<>();
        List<Accepted> encoded = encodeAll(accepted, newStates, out);
        Map<String, Integer> partitions = new LinkedHashMap<>();
        encoded.forEach(a -> partitions.putIfAbsent(a.clip().getCameraId(), a.job().record().partition()));
        int frames = encoded.stream().mapToInt(a -> a.decoded().frames().size()).sum();
        int sampled = (int) encoded.stream().filter(a -> a.job().stride() > 1).count();
        int framesDropped = accepted.stream().mapToInt(a -> a.decoded().dropped().size()).sum();
        int deadLettered = (int) out.stream().filter(r -> r.topic().equals(Topics.DLQ)).count() - framesDropped;
        return new Result(out, newStates, partitions, encoded.size(), sampled, frames, deadLettered, framesDropped);
    }

    /**
     * Encodes the clips in one call; if that fails, one by one, so that a poison clip is isolated and
     * dead-lettered while the rest of the batch goes on.
     *
     * @return the clips that were encoded, in order
     */
    private List<Accepted> encodeAll(List<Accepted> accepted, Map<String, TemporalState> newStates,
                                     List<ProducerRecord<String, byte[]>> out) {
        if (accepted.isEmpty()) {
            return accepted;
        }
        List<EncodedClip> encoded;
        try {
            encoded = encodeTime.record(() -> encoder.encode(inputs(accepted, newStates)));
        } catch (RuntimeException batchFailure) {
            log.warn("batch encode failed ({}); encoding clips one by one", batchFailure.getMessage());
            List<Accepted> done = new ArrayList<>();
            for (Accepted one : accepted) {
                try {
                    EncodedClip e = encoder.encode(inputs(List.of(one), newStates)).get(0);
                    if (apply(one, e, newStates, out)) {
                        done.add(one);
                    }
                } catch (RuntimeException e) {
                    out.add(deadLetter(one.job().record(), "clip " + one.clip().getCameraId() + "#"
                            + one.clip().getClipIndex() + " cannot be encoded: " + e.getMessage(), e));
                }
            }
            return done;
        }
        List<Accepted> done = new ArrayList<>(accepted.size());
        for (int i = 0; i < encoded.size(); i++) {
            if (apply(accepted.get(i), encoded.get(i), newStates, out)) {
                done.add(accepted.get(i));
            }
        }
        return done;
    }

    /** Encoder inputs; each camera's state is its newest: from this batch, else committed, else fresh. */
    private static List<ClipInput> inputs(List<Accepted> accepted, Map<String, TemporalState> newStates) {
        List<ClipInput> inputs = new ArrayList<>();
        for (Accepted a : accepted) {
            String camera = a.clip().getCameraId();
            Optional<byte[]> state = Optional.ofNullable(newStates.get(camera)).or(() -> a.job().committed())
                    .map(s -> bytes(s.getState()));
            inputs.add(new ClipInput(camera, a.decoded().frames(), state, a.job().stride()));
        }
        return inputs;
    }

    /**
     * Adds one clip's tokens and its camera's new state to the output and remembers the state for the batch; or,
     * when either record is larger than its topic takes, dead-letters the clip instead.
     *
     * @return whether the clip's records were added
     */
    private boolean apply(Accepted a, EncodedClip e, Map<String, TemporalState> newStates,
                       List<ProducerRecord<String, byte[]>> out) {
        Clip clip = a.clip();
        String camera = clip.getCameraId();
        Instant now = clock.instant();
        int[] kept = e.keptFrames();
        List<Integer> sources = a.decoded().sources();
        List<Instant> frameTimes = Arrays.stream(kept).mapToObj(i -> clip.getFrames().get(sources.get(i)).getEventTime()).toList();
        ClipTokens tokens = ClipTokens.newBuilder()
                .setCameraId(camera).setClipIndex(clip.getClipIndex())
                .setStart(clip.getStart()).setEnd(clip.getEnd())
                .setModelId(encoder.bundle().id())
                .setMergeMetricChunk(encoder.bundle().merge().metricChunk())
                .setTokens(new TokenMatrix(e.tokenCount(), e.dim(), ByteBuffer.wrap(e.tokensFp16())))
                .setTokenSizes(Arrays.stream(e.tokenSizes()).boxed().toList())
                .setFrameEmbeddings(new TokenMatrix(e.frameCount(), e.dim(), ByteBuffer.wrap(e.frameEmbeddingsFp16())))
                .setClipEmbeddings(clipEmbeddings(e))
                .setFrameTimes(frameTimes)
                .setSamplingStride(a.job().stride())
                .setPartial(clip.getPartial() || !a.decoded().dropped().isEmpty())
                .setKeyframe(ByteBuffer.wrap(a.decoded().keyframe()))
                .setIngestTime(clip.getIngestTime())
                .setEncodeTime(now)
                .build();
        long previousCount = Optional.ofNullable(newStates.get(camera)).or(() -> a.job().committed())
                .map(TemporalState::getGlobalCount).orElse(0L);
        TemporalState state = TemporalState.newBuilder()
                .setCameraId(camera).setModelId(encoder.bundle().id())
                .setLastClipIndex(clip.getClipIndex()).setEventTime(clip.getEnd())
                .setState(ByteBuffer.wrap(e.newState()))
                .setGlobalCount(previousCount + e.frameCount())
                .setGlobalEmbedding(ByteBuffer.wrap(littleEndian(e.globalMean())))
                .setIngestTime(now)
                .build();
        // serialised with the clip embedding, so the size check below counts it
        byte[] tokensBytes = tokensOut.serialize(Topics.CLIP_TOKENS, tokens);
        byte[] stateBytes = statesOut.serialize(Topics.TEMPORAL_STATE, state);
        if (tokensBytes.length > maxTokensBytes || stateBytes.length > maxStateBytes) {
            out.add(deadLetter(a.job().record(), "clip " + camera + "#" + clip.getClipIndex() + " encodes to "
                    + tokensBytes.length + " bytes of tokens and " + stateBytes.length + " bytes of state, over what "
                    + Topics.CLIP_TOKENS + " (" + maxTokensBytes + ") or " + Topics.TEMPORAL_STATE + " (" + maxStateBytes
                    + ") take; the model bundle's output does not fit the topics", null));
            return false;
        }
        out.add(new ProducerRecord<>(Topics.CLIP_TOKENS, camera, tokensBytes));
        out.add(new ProducerRecord<>(Topics.TEMPORAL_STATE, camera, stateBytes));
        newStates.put(camera, state);
        return true;
    }

    /**
     * The clip's embedding as {@code ClipTokens.clipEmbeddings}: one row of the frame embeddings' width, or
     * {@code null} when the encoder gave none (a bundle without a temporal readout, or no frame encoded), so that
     * readers tell "no readout" from a zero vector.
     */
    static TokenMatrix clipEmbeddings(EncodedClip e) {
        return e.clipEmbeddingFp16().length == 0 ? null
                : new TokenMatrix(1, e.dim(), ByteBuffer.wrap(e.clipEmbeddingFp16()));
    }

    /** The dead letter of one frame left out of its clip: the frame's JPEG, coordinates of the clip record. */
    private ProducerRecord<String, byte[]> frameDeadLetter(Job job, ClipDecoding.DroppedFrame dropped) {
        ClipFrame frame = job.clip().getFrames().get(dropped.index());
        String reason = dropped.reason().getMessage() + "; frame " + frame.getSeq() + " at " + frame.getEventTime()
                + " was left out of clip " + job.clip().getCameraId() + "#" + job.clip().getClipIndex()
                + ", whose other frames were encoded";
        Throwable error = dropped.reason().getCause() == null ? dropped.reason() : dropped.reason().getCause();
        return deadLetter(job.record(), bytes(frame.getJpeg()), reason, error);
    }

    private ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> record, String reason,
                                                      Throwable error) {
        return deadLetter(record, record.value(), reason, error);
    }

    private ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> record, byte[] value,
                                                      String reason, Throwable error) {
        log.warn("dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
        ProducerRecord<byte[], byte[]> letter = deadLetters.of(record.topic(), record.partition(), record.offset(),
                record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
                value, reason, error);
        return new ProducerRecord<>(Topics.DLQ, null, record.key(), letter.value(), letter.headers());
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
}
