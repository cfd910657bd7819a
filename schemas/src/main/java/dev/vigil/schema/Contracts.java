package dev.vigil.schema;

import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.serde.SubjectNames;
import org.apache.avro.Schema;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which Avro record travels on which topic, and registering them all at once so that a fresh cluster
 * has every contract before the first record is written (and an incompatible change fails at start,
 * not in the middle of a stream).
 */
public final class Contracts {
    private Contracts() {
    }

    /** Value schema of each vigil topic that carries Avro values. */
    public static Map<String, Schema> valueSchemas() {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        schemas.put(Topics.FRAMES, Frame.getClassSchema());
        schemas.put(Topics.CLIPS, Clip.getClassSchema());
        schemas.put(Topics.CLIP_TOKENS, ClipTokens.getClassSchema());
        schemas.put(Topics.TEMPORAL_STATE, TemporalState.getClassSchema());
        schemas.put(Topics.CAMERAS, CameraConfig.getClassSchema());
        schemas.put(Topics.DLQ, DeadLetter.getClassSchema());
        return schemas;
    }

    /**
     * Registers every value schema under its TopicNameStrategy subject.
     *
     * @return schema id by subject
     * @throws dev.vigil.schema.registry.IncompatibleSchemaException if a contract changed incompatibly
     */
    public static Map<String, Integer> registerAll(SchemaRegistryClient registry) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        valueSchemas().forEach((topic, schema) -> {
            String subject = SubjectNames.of(topic, false);
            ids.put(subject, registry.register(subject, schema));
        });
        return ids;
    }
}
