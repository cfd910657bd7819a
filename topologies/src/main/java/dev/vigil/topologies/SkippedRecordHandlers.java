package dev.vigil.topologies;

import dev.vigil.schema.registry.RegistryException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The last line of defence of vigil's Streams applications: what a processor did not catch, or a record the
 * broker refused, is logged, counted in the application's {@link StreamsIncidents} and skipped, so one record
 * never stops the application. The processors themselves validate and dead-letter what they cannot process
 * (through a sink, inside the transaction: see {@link DeadLetterForwarding}); these handlers see only what
 * slipped past them, and cannot write a dead letter in the transaction themselves. An unreachable schema
 * registry is not the record's fault: that fails the thread, which is replaced and tries again.
 */
public final class SkippedRecordHandlers {
    private static final Logger log = LoggerFactory.getLogger(SkippedRecordHandlers.class);

    private SkippedRecordHandlers() {
    }

    private static StreamsIncidents incidents(Map<String, ?> configs) {
        Object found = configs.get(StreamsIncidents.CONFIG_KEY);
        if (!(found instanceof StreamsIncidents incidents)) {
            throw new IllegalStateException("the Streams config lacks " + StreamsIncidents.CONFIG_KEY
                    + " (set by StreamsSettings); the exception handlers report through it");
        }
        return incidents;
    }

    /** Records the broker refuses (too large, timestamp out of range) and records that cannot be serialized. */
    public static final class Production implements ProductionExceptionHandler {
        private StreamsIncidents incidents;

        @Override
        public void configure(Map<String, ?> configs) {
            incidents = incidents(configs);
        }

        @Override
        public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                                         Exception exception) {
            incidents.recordSkipped(exception);
            log.error("{}: the broker refused a record for {} (from {}-{}@{}); it is skipped: {}", incidents.application(),
                    record.topic(), context.topic(), context.partition(), context.offset(), exception.toString());
            return ProductionExceptionHandlerResponse.CONTINUE;
        }

        @Override
        public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
                                                                               ProducerRecord record, Exception exception,
                                                                               SerializationExceptionOrigin origin) {
            if (exception instanceof RegistryException) {
                return ProductionExceptionHandlerResponse.FAIL;
            }
            incidents.recordSkipped(exception);
            log.error("{}: a record for {} could not be serialized ({}, from {}-{}@{}); it is skipped: {}",
                    incidents.application(), record.topic(), origin, context.topic(), context.partition(),
                    context.offset(), exception.toString());
            return ProductionExceptionHandlerResponse.CONTINUE;
        }
    }

    /** Exceptions a processor or punctuator let escape. */
    public static final class Processing implements ProcessingExceptionHandler {
        private StreamsIncidents incidents;

        @Override
        public void configure(Map<String, ?> configs) {
            incidents = incidents(configs);
        }

        @Override
        public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            if (exception instanceof RegistryException) {
                return ProcessingHandlerResponse.FAIL;
            }
            incidents.recordSkipped(exception);
            log.error("{}: processor {} failed on {}-{}@{}; the record is skipped", incidents.application(),
                    context.processorNodeId(), context.topic(), context.partition(), context.offset(), exception);
            return ProcessingHandlerResponse.CONTINUE;
        }
    }
}
