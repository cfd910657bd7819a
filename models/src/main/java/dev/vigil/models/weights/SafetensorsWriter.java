package dev.vigil.models.weights;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.tokens.Fp16;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects named fp32 tensors and writes them as one safetensors file.
 *
 * <p>Tensors are stored in name order; the JSON header is padded with spaces to a multiple of 8 bytes, as the
 * reference implementation does, so that data starts aligned. The file is written to a temporary sibling and
 * moved into place, so a reader never sees a half-written file.
 */
public final class SafetensorsWriter {

    private record Entry(SafetensorsDtype dtype, FloatTensor tensor) {}

    private final ObjectMapper json;
    private final Map<String, Entry> tensors = new TreeMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    public SafetensorsWriter(ObjectMapper json) {
        this.json = json;
    }

    /** Adds a tensor, stored as {@code dtype} (F16/BF16 round to nearest even). Replaces one of the same name. */
    public SafetensorsWriter add(String name, SafetensorsDtype dtype, FloatTensor tensor) {
        if (name.equals("__metadata__")) {
            throw new IllegalArgumentException("'__metadata__' is reserved in safetensors headers");
        }
        tensors.put(name, new Entry(dtype, tensor));
        return this;
    }

    /** Adds an fp32 tensor. */
    public SafetensorsWriter add(String name, FloatTensor tensor) {
        return add(name, SafetensorsDtype.F32, tensor);
    }

    /** Adds a {@code __metadata__} entry (e.g. {@code format=pt}). */
    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** Writes the file, replacing any existing one. */
    public void write(Path file) {
        ObjectNode header = json.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Entry> e : tensors.entrySet()) {
            FloatTensor t = e.getValue().tensor();
            long bytes = (long) t.values().length * e.getValue().dtype().bytes();
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", e.getValue().dtype().name());
            ArrayNode shape = entry.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (headerBytes.length + 7) / 8 * 8;
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
                out.write(length.array());
                out.write(headerBytes);
                for (int i = headerBytes.length; i < padded; i++) {
                    out.write(' ');
                }
                for (Entry e : tensors.values()) {
                    out.write(encode(e));
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new WeightsException("cannot write safetensors file " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] encode(Entry e) {
        float[] v = e.tensor().values();
        ByteBuffer buf = ByteBuffer.allocate(v.length * e.dtype().bytes()).order(ByteOrder.LITTLE_ENDIAN);
        switch (e.dtype()) {
            case F32 -> buf.asFloatBuffer().put(v);
            case F16 -> {
                for (float x : v) {
                    buf.putShort(Fp16.fromFloat(x));
                }
            }
            case BF16 -> {
                for (float x : v) {
                    buf.putShort(Bf16.fromFloat(x));
                }
            }
        }
        return buf.array();
    }
}
