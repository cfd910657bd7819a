package dev.vigil.topologies.watch;

import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.TokenMatrix;
import dev.vigil.schema.serde.AvroDeserializer;
import dev.vigil.tokens.Fp16;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;

/**
 * Evaluates every standing question on each clip as it lands on {@code vigil.clip-tokens} and forwards an
 * {@link Alert} for each match that is out of its (watch, camera) cooldown. Cooldowns are measured in event
 * time and kept in a changelogged store, so a restart or a rebalance neither repeats nor forgets them.
 *
 * <p>Clips that cannot be read are skipped here: the TokenMemory writer on the same source dead-letters them,
 * and a second dead letter for the same record would only be noise.
 */
final class WatchEvaluator implements Processor<String, byte[], String, byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(WatchEvaluator.class);

    private final AvroDeserializer<ClipTokens> clips;
    private final WatchJson json;
    private final MeterRegistry metrics;

    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> watches;
    private KeyValueStore<String, Long> cooldowns;

    WatchEvaluator(AvroDeserializer<ClipTokens> clips, WatchJson json, MeterRegistry metrics) {
        this.clips = clips;
        this.json = json;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.watches = context.getStateStore(WatchTopology.WATCH_STORE);
        this.cooldowns = context.getStateStore(WatchTopology.COOLDOWN_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
        ClipTokens clip;
        try {
            clip = clips.deserialize(topic, record.value());
        } catch (RuntimeException e) {
            return; // dead-lettered by the memory writer on the same source
        }
        float[] frames = floats(clip.getFrameEmbeddings());
        int count = clip.getFrameEmbeddings().getCount();
        int dim = clip.getFrameEmbeddings().getDim();
        TokenMatrix readout = clip.getClipEmbeddings(); // null: a bundle without a temporal readout, or an older record
        if (readout != null && (readout.getDim() != dim
                || readout.getFp16().remaining() != 2L * readout.getCount() * readout.getDim())) {
            return; // malformed (one space for both kinds): the memory writer on the same source dead-letters it
        }
        float[] clipEmbeddings = readout == null ? new float[0] : floats(readout);
        int clipCount = readout == null ? 0 : readout.getCount();
        try (KeyValueIterator<String, byte[]> all = watches.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> next = all.next();
                Watch watch;
                try {
                    watch = json.watch(next.value);
                } catch (IllegalArgumentException e) {
                    LOG.warn("skipping watch {}: {}", next.key, e.getMessage());
                    continue;
                }
                evaluate(watch, clip, frames, count, clipEmbeddings, clipCount, dim, record.timestamp());
            }
        }
    }

    private void evaluate(Watch watch, ClipTokens clip, float[] frames, int count, float[] clipEmbeddings, int clipCount,
                          int dim, long timestamp) {
        if (!watch.watches(clip.getCameraId())
                || (!watch.modelId().isEmpty() && !watch.modelId().equals(clip.getModelId()))) {
            return;
        }
        QuestionMatch match = QuestionMatch.best(watch.embedding(), frames, count, clipEmbeddings, clipCount, dim);
        if (match == null || match.score() < watch.threshold()) {
            return;
        }
        String cooldownKey = watch.id() + "\u0000" + clip.getCameraId();
        long start = clip.getStart().toEpochMilli();
        Long last = cooldowns.get(cooldownKey);
        if (last != null && start >= last && start - last < watch.cooldownMillis()) {
            io.micrometer.core.instrument.Counter.builder("vigil.watch.suppressed")
                    .description("matches of a standing question not alerted, within its cooldown").register(metrics).increment();
            return;
        }
        cooldowns.put(cooldownKey, start);
        long frameTime = match.momentTime(clip);
        Alert alert = new Alert(Alert.VERSION, watch.id() + ":" + clip.getCameraId() + ":" + clip.getClipIndex(),
                watch.id(), watch.question(), clip.getCameraId(), clip.getClipIndex(), start,
                clip.getEnd().toEpochMilli(), frameTime, match.score(), clip.getModelId());
        io.micrometer.core.instrument.Counter.builder("vigil.watch.alerts")
                .description("alerts raised by standing questions").register(metrics).increment();
        context.forward(new Record<>(clip.getCameraId(), json.alert(alert), timestamp), WatchTopology.ALERT_SINK);
    }

    private static float[] floats(TokenMatrix m) {
        ByteBuffer b = m.getFp16().duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return Fp16.toFloats(bytes);
    }
}
