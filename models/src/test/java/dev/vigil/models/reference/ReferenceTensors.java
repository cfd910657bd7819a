package dev.vigil.models.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.models.weights.Weights;
import dev.vigil.models.weights.WeightsException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The fp32 tensors of a small safetensors fixture on the test classpath, as {@link Weights}.
 *
 * <p>Test-only and deliberately minimal (F32 only, whole file in memory): the production reader is a
 * separate component; this one just lets the reference tests run without it.
 */
public final class ReferenceTensors implements Weights {

    private record Tensor(float[] data, Shape shape) {
    }

    private final String resource;
    private final Map<String, Tensor> tensors;
    private final Map<String, String> metadata;

    private ReferenceTensors(String resource, Map<String, Tensor> tensors, Map<String, String> metadata) {
        this.resource = resource;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /** Reads {@code /reference/<name>} from the test classpath. */
    public static ReferenceTensors load(String name) {
        String resource = "/reference/" + name;
        try (InputStream in = ReferenceTensors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("fixture " + resource + " is missing; run "
                        + "tools/reference/make_mamba_tome_reference.py");
            }
            ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            int headerLength = Math.toIntExact(bytes.getLong());
            byte[] header = new byte[headerLength];
            bytes.get(header);
            int dataStart = 8 + headerLength;
            JsonNode root = new ObjectMapper().readTree(header);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getKey().equals("__metadata__")) {
                    entry.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                    continue;
                }
                JsonNode info = entry.getValue();
                if (!info.get("dtype").asText().equals("F32")) {
                    throw new IllegalStateException(resource + ": " + entry.getKey() + " is not F32");
                }
                long[] shape = new long[info.get("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = info.get("shape").get(i).asLong();
                }
                int begin = info.get("data_offsets").get(0).asInt();
                int end = info.get("data_offsets").get(1).asInt();
                float[] data = new float[(end - begin) / 4];
                bytes.position(dataStart + begin);
                bytes.asFloatBuffer().get(data);
                tensors.put(entry.getKey(), new Tensor(data, new Shape(shape)));
            }
            return new ReferenceTensors(resource, tensors, metadata);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    /** Reads {@code /reference/<name>} (a JSON file) from the test classpath. */
    public static JsonNode json(String name) {
        try (InputStream in = ReferenceTensors.class.getResourceAsStream("/reference/" + name)) {
            if (in == null) {
                throw new IllegalStateException("fixture /reference/" + name + " is missing");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /reference/" + name, e);
        }
    }

    /** The file's {@code __metadata__}. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** A tensor whatever its shape. */
    public NDArray get(String name, NDManager manager) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new WeightsException(resource + ": missing tensor " + name);
        }
        return manager.create(t.data(), t.shape());
    }

    @Override
    public NDArray get(String name, Shape expectedShape, NDManager manager) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new WeightsException(resource + ": missing tensor " + name);
        }
        if (!t.shape().equals(expectedShape)) {
            throw new WeightsException(resource + ": tensor " + name + " has shape " + t.shape() + ", expected "
                    + expectedShape);
        }
        return manager.create(t.data(), t.shape());
    }

    @Override
    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    @Override
    public Set<String> names() {
        return tensors.keySet();
    }
}
