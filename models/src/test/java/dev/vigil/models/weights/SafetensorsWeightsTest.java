package dev.vigil.models.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafetensorsWeightsTest {

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    private static FloatTensor ramp(long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i - v.length / 2f) * 0.25f; // exactly representable in f16 and bf16
        }
        return FloatTensor.of(v, shape);
    }

    @Test
    void roundTripsAllDtypesAndMetadata() {
        new SafetensorsWriter(json)
                .add("a.weight", ramp(2, 3))
                .add("b.half", SafetensorsDtype.F16, ramp(4))
                .add("c.brain", SafetensorsDtype.BF16, ramp(1, 2, 2))
                .add("d.scalar", FloatTensor.of(new float[] {7f}))
                .metadata("format", "pt")
                .write(dir.resolve("model.safetensors"));

        SafetensorsFile file = SafetensorsFile.open(dir.resolve("model.safetensors"), json);
        assertThat(file.metadata()).containsEntry("format", "pt");
        assertThat(file.tensors().keySet()).containsExactly("a.weight", "b.half", "c.brain", "d.scalar");
        assertThat(file.tensors().get("b.half").dtype()).isEqualTo("F16");
        assertThat(file.read("a.weight")).isEqualTo(ramp(2, 3));
        assertThat(file.read("b.half")).isEqualTo(ramp(4));
        assertThat(file.read("c.brain")).isEqualTo(ramp(1, 2, 2));
        assertThat(file.read("d.scalar").shape()).isEmpty();

        SafetensorsWeights weights = SafetensorsWeights.open(dir, json);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = weights.get("a.weight", new Shape(2, 3), manager);
            assertThat(a.getShape()).isEqualTo(new Shape(2, 3));
            assertThat(a.toFloatArray()).containsExactly(ramp(2, 3).values());
        }
        assertThat(weights.contains("c.brain")).isTrue();
        assertThat(weights.names()).hasSize(4);
    }

    @Test
    void headerIsPaddedToEightBytes() throws IOException {
        new SafetensorsWriter(json).add("x", ramp(3)).write(dir.resolve("model.safetensors"));
        byte[] bytes = Files.readAllBytes(dir.resolve("model.safetensors"));
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(headerLength % 8).isZero();
        assertThat(bytes.length).isEqualTo(8 + headerLength + 3 * 4);
    }

    @Test
    void readsShardedFoldersThroughTheIndex() throws IOException {
        new SafetensorsWriter(json).add("layer.0.w", ramp(2)).write(dir.resolve("model-00001-of-00002.safetensors"));
        new SafetensorsWriter(json).add("layer.1.w", ramp(3)).write(dir.resolve("model-00002-of-00002.safetensors"));
        Files.writeString(dir.resolve(SafetensorsWeights.INDEX_FILE), """
                {"metadata": {"total_size": 20}, "weight_map": {
                  "layer.0.w": "model-00001-of-00002.safetensors",
                  "layer.1.w": "model-00002-of-00002.safetensors"}}
                """);
        SafetensorsWeights weights = SafetensorsWeights.open(dir, json);
        assertThat(weights.names()).containsExactlyInAnyOrder("layer.0.w", "layer.1.w");
        assertThat(weights.read("layer.1.w", new Shape(3))).isEqualTo(ramp(3));
    }

    @Test
    void aStandaloneFileIsReadWithoutItsSiblings() {
        new SafetensorsWriter(json).add("w", ramp(2, 2)).write(dir.resolve("one.safetensors"));
        new SafetensorsWriter(json).add("w", ramp(3)).write(dir.resolve("other.safetensors")); // same name, ignored
        SafetensorsWeights weights = SafetensorsWeights.openFile(dir.resolve("one.safetensors"), json);
        assertThat(weights.names()).containsExactly("w");
        assertThat(weights.read("w", new Shape(2, 2))).isEqualTo(ramp(2, 2));
    }

    @Test
    void indexNamingAMissingShardIsReported() throws IOException {
        Files.writeString(dir.resolve(SafetensorsWeights.INDEX_FILE),
                "{\"weight_map\": {\"w\": \"model-00001-of-00002.safetensors\"}}");
        assertThatThrownBy(() -> SafetensorsWeights.open(dir, json))
                .isInstanceOf(WeightsException.class)
                .hasMessageContaining("model-00001-of-00002.safetensors")
                .hasMessageContaining("'w'")
                .hasMessageContaining("does not exist");
    }

    @Test
    void missingTensorNamesTheTensorTheFileAndNearbyNames() {
        new SafetensorsWriter(json).add("vision_model.post_layernorm.weight", ramp(4))
                .write(dir.resolve("model.safetensors"));
        SafetensorsWeights weights = SafetensorsWeights.open(dir, json);
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> weights.get("vision_model.post_layernorm.bias", new Shape(4), manager))
                    .isInstanceOf(WeightsException.class)
                    .hasMessageContaining("'vision_model.post_layernorm.bias'")
                    .hasMessageContaining("model.safetensors")
                    .hasMessageContaining("nearest: [vision_model.post_layernorm.weight]");
        }
    }

    @Test
    void wrongShapeNamesExpectedAndActual() {
        new SafetensorsWriter(json).add("fc1.weight", ramp(3, 2)).write(dir.resolve("model.safetensors"));
        SafetensorsWeights weights = SafetensorsWeights.open(dir, json);
        assertThatThrownBy(() -> weights.read("fc1.weight", new Shape(2, 3)))
                .isInstanceOf(WeightsException.class)
                .hasMessageContaining("'fc1.weight'")
                .hasMessageContaining("model.safetensors")
                .hasMessageContaining("has shape [3, 2]")
                .hasMessageContaining("expects [2, 3]");
    }

    @Test
    void notASafetensorsFileIsReportedWithItsPath() throws IOException {
        Files.writeString(dir.resolve("model.safetensors"), "this is a README, not weights");
        assertThatThrownBy(() -> SafetensorsWeights.open(dir, json))
                .isInstanceOf(WeightsException.class)
                .hasMessageContaining("model.safetensors is not a safetensors file")
                .hasMessageContaining("header length");
    }

    @Test
    void nonJsonHeaderIsReported() throws IOException {
        byte[] header = "{not json at all}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(header.length).put(header);
        Files.write(dir.resolve("model.safetensors"), buf.array());
        assertThatThrownBy(() -> SafetensorsWeights.open(dir, json))
                .isInstanceOf(WeightsException.class)
                .hasMessageContaining("model.safetensors is not a safetensors file")
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void truncatedFileNamesTheTensorWhoseBytesAreMissing() throws IOException {
        Path file = dir.resolve("model.safetensors");
        new SafetensorsWriter(json).add("a", ramp(4)).add("b", ramp(8)).write(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        assertThatThrownBy(() -> SafetensorsWeights.open(dir, json))
                .isInstanceOf(WeightsException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("truncated")
                .hasMessageContaining("tensor 'b'");
    }

    @Test
    void unsupportedDtypeIsRejectedOnReadNotOnOpen() throws IOException {
        String header = "{\"text_model.embeddings.position_ids\":{\"dtype\":\"I64\",\"shape\":[1,2],"
                + "\"data_offsets\":[0,16]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + h.length + 16).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(h.length).put(h).putLong(0).putLong(1);
        Files.write(dir.resolve("model.safetensors"), buf.array());
        SafetensorsWeights weights = SafetensorsWeights.open(dir, json);
        assertThat(weights.contains("text_model.embeddings.position_ids")).isTrue();
        assertThatThrownBy(() -> weights.read("text_model.embeddings.position_ids", new Shape(1, 2)))
                .isInstanceOf(WeightsException.class)
                .hasMessageContaining("'text_model.embeddings.position_ids'")
                .hasMessageContaining("model.safetensors")
                .hasMessageContaining("dtype I64");
    }

    @Test
    void folderWithoutWeightsSaysWhatItExpected() {
        assertThatThrownBy(() -> SafetensorsWeights.open(dir, json))
                .isInstanceOf(WeightsException.class)
                .hasMessageContaining("no safetensors weights in " + dir)
                .hasMessageContaining("model.safetensors");
    }

    @Test
    void duplicateTensorAcrossFilesIsAnError() {
        new SafetensorsWriter(json).add("w", ramp(2)).write(dir.resolve("a.safetensors"));
        new SafetensorsWriter(json).add("w", ramp(2)).write(dir.resolve("b.safetensors"));
        assertThatThrownBy(() -> SafetensorsWeights.open(dir, json))
                .isInstanceOf(WeightsException.class)
                .hasMessageContaining("'w'")
                .hasMessageContaining("a.safetensors")
                .hasMessageContaining("b.safetensors");
    }
}
