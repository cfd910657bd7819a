package dev.vigil.schema;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ClipTokens.clipEmbeddings} is an evolution the registry's BACKWARD rule accepts: records written before
 * the field read with null, and readers from before it skip it. Checked on Avro's own resolution rules, without a
 * registry ({@code CompatibilityIT} covers the registry's refusal of incompatible changes).
 */
class ClipTokensEvolutionTest {

    /** ClipTokens as it was before the clip embedding: the current schema without the field. */
    private static Schema withoutClipEmbeddings() {
        Schema current = ClipTokens.getClassSchema();
        List<Schema.Field> fields = current.getFields().stream()
                .filter(f -> !f.name().equals("clipEmbeddings"))
                .map(f -> new Schema.Field(f, f.schema()))
                .toList();
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    @Test
    void theFieldIsOptionalWithANullDefault() {
        Schema.Field field = ClipTokens.getClassSchema().getField("clipEmbeddings");

        assertThat(field).isNotNull();
        assertThat(field.schema().getTypes()).extracting(Schema::getName).containsExactly("null", "TokenMatrix");
        assertThat(field.hasDefaultValue()).isTrue();
        assertThat(field.defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
    }

    @Test
    void theChangeIsBackwardAndForwardCompatible() {
        Schema old = withoutClipEmbeddings();

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(ClipTokens.getClassSchema(), old).getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(old, ClipTokens.getClassSchema()).getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void aRecordWrittenBeforeTheFieldReadsWithNull() throws IOException {
        Schema old = withoutClipEmbeddings();
        // the sample as a writer of the old schema would have sent it
        GenericRecord asOld = new GenericDatumReader<GenericRecord>(ClipTokens.getClassSchema(), old)
                .read(null, DecoderFactory.get().binaryDecoder(specific(SampleRecords.clipTokens("cam-1")), null));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(old).write(asOld, encoder);
        encoder.flush();

        ClipTokens read = new SpecificDatumReader<ClipTokens>(old, ClipTokens.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

        assertThat(read.getClipEmbeddings()).isNull();
        assertThat(read.getFrameEmbeddings().getCount()).isEqualTo(4);
    }

    @Test
    void aClipEmbeddingRoundTrips() throws IOException {
        ClipTokens clip = SampleRecords.clipTokens("cam-1");
        clip.setClipEmbeddings(new TokenMatrix(1, 192, ByteBuffer.wrap(new byte[192 * 2])));

        ClipTokens read = new SpecificDatumReader<>(ClipTokens.class)
                .read(null, DecoderFactory.get().binaryDecoder(specific(clip), null));

        assertThat(read.getClipEmbeddings().getCount()).isEqualTo(1);
        assertThat(read.getClipEmbeddings().getDim()).isEqualTo(192);
        assertThat(read.getClipEmbeddings().getFp16().remaining()).isEqualTo(192 * 2);
    }

    private static byte[] specific(ClipTokens clip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<>(ClipTokens.class).write(clip, encoder);
        encoder.flush();
        return bytes.toByteArray();
    }
}
