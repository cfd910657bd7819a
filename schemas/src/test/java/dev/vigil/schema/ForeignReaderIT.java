package dev.vigil.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.serde.AvroSerde;
import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.testkit.RealCluster;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record written by vigil is readable by tools vigil did not write: the registry's own REST API, fetched
 * with a bare HTTP client, and Avro's generic reader, with no vigil class in between.
 */
@RealCluster
class ForeignReaderIT {
    private final ClusterEndpoints cluster;

    ForeignReaderIT(ClusterEndpoints cluster) {
        this.cluster = cluster;
    }

    @Test
    void wireBytesStartWithMagicZeroAndASchemaIdTheRegistryServes() throws Exception {
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistrySettings.of(cluster.registryUrl()));
        Frame frame = SampleRecords.frame("cam-foreign", 3);
        byte[] wire = AvroSerde.forValues(registry, Frame.class).serializer().serialize(Topics.FRAMES, frame);

        assertThat(wire[0]).isZero();
        int id = ByteBuffer.wrap(wire, 1, 4).getInt();

        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(cluster.registryUrl() + "/schemas/ids/" + id)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Schema writer = new Schema.Parser().parse(new ObjectMapper().readTree(response.body()).path("schema").asText());

        GenericRecord generic = new GenericDatumReader<GenericRecord>(writer)
                .read(null, DecoderFactory.get().binaryDecoder(wire, 5, wire.length - 5, null));
        assertThat(generic.get("cameraId")).hasToString("cam-foreign");
        assertThat(generic.get("seq")).isEqualTo(3L);
        assertThat(generic.get("eventTime")).isEqualTo(frame.getEventTime().toEpochMilli());
        assertThat((ByteBuffer) generic.get("jpeg")).isEqualTo(frame.getJpeg().rewind());
    }
}
