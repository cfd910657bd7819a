package dev.vigil.state;

import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.TemporalState;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The test topologies' processor: puts each clip into TokenMemory, then ages its camera, and forwards what
 * the put did (so a test can read the outcomes); temporal states are kept as the camera's latest.
 */
final class RecordingMemoryProcessor implements Processor<String, SpecificRecord, String, String> {
    private final String storeName;
    private ProcessorContext<String, String> context;
    private TokenMemoryStore store;

    RecordingMemoryProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() instanceof ClipTokens clip) {
            PutOutcome outcome = store.put(clip);
            store.maintain(clip.getCameraId(), clip.getEnd().toEpochMilli());
            context.forward(record.withValue(clip.getClipIndex() + ":" + outcome.name()));
        } else if (record.value() instanceof TemporalState state) {
            context.forward(record.withValue("state:" + store.putTemporalState(state)));
        }
    }
}
