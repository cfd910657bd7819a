package dev.vigil.models.weights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.tokens.Fp16;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only view of one {@code .safetensors} file.
 *
 * <p>Format: an 8-byte little-endian header length {@code n}, {@code n} bytes of UTF-8 JSON mapping each tensor
 * name to {@code {dtype, shape, data_offsets: [begin, end]}} (offsets relative to the end of the header) plus an
 * optional {@code __metadata__} string map, then the raw little-endian data.
 *
 * <p>The header is parsed and checked against the file size when the file is opened, so a truncated download
 * fails at load time, naming the tensor whose bytes are missing. Tensor data is memory-mapped per tensor on
 * demand: one mapping per tensor keeps every mapping under the 2 GiB limit of a {@link MappedByteBuffer}
 * even for multi-gigabyte files, and nothing but the header is read until a tensor is asked for.
 */
public final class SafetensorsFile {

    /** Headers larger than this are not real safetensors headers (the format caps them at 100 MB). */
    private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private final Path path;
    private final long dataStart;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path path, long dataStart, Map<String, TensorInfo> tensors, Map<String, String> metadata) {
        this.path = path;
        this.dataStart = dataStart;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /**
     * Opens and validates a file.
     *
     * @throws WeightsException if the file is unreadable, is not a safetensors file, or is truncated
     */
    public static SafetensorsFile open(Path path, ObjectMapper json) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw notSafetensors(path, "it is only " + size + " bytes long, shorter than the 8-byte header length");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, 0);
            long headerLength = lengthBytes.getLong(0);
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > size - 8) {
                throw notSafetensors(path, "its first 8 bytes give a header length of " + headerLength
                        + " but the file is " + size + " bytes long");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            readFully(channel, header, 8);
            String text = new String(header.array(), StandardCharsets.UTF_8);
            JsonNode root = parseHeader(path, json, text);
            long dataStart = 8 + headerLength;
            return parseEntries(path, root, dataStart, size - dataStart);
        } catch (IOException e) {
            throw new WeightsException("cannot read safetensors file " + path + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode parseHeader(Path path, ObjectMapper json, String text) {
        if (!text.startsWith("{")) {
            throw notSafetensors(path, "its header does not start with a JSON object");
        }
        try {
            JsonNode root = json.readTree(text);
            if (root == null || !root.isObject()) {
                throw notSafetensors(path, "its header is not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new WeightsException(path + " is not a safetensors file: its header is not valid JSON ("
                    + e.getOriginalMessage() + ")", e);
        }
    }

    private static SafetensorsFile parseEntries(Path path, JsonNode root, long dataStart, long dataBytes) {
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode entry = field.getValue();
            if ("__metadata__".equals(name)) {
                entry.fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            TensorInfo info = parseEntry(path, name, entry);
            if (info.end() > dataBytes) {
                throw new WeightsException("safetensors file " + path + " is truncated: tensor '" + name
                        + "' needs data bytes [" + info.begin() + ", " + info.end() + ") but only " + dataBytes
                        + " bytes follow the header");
            }
            SafetensorsDtype.fromHeader(info.dtype()).ifPresent(dtype -> {
                if (info.end() - info.begin() != info.elementCount() * dtype.bytes()) {
                    throw new WeightsException("safetensors file " + path + " is corrupt: tensor '" + name + "' "
                            + dtype + info.shapeText() + " needs " + info.elementCount() * dtype.bytes()
                            + " bytes but its data_offsets span " + (info.end() - info.begin()));
                }
            });
            tensors.put(name, info);
        }
        return new SafetensorsFile(path, dataStart, Collections.unmodifiableMap(tensors),
                Collections.unmodifiableMap(metadata));
    }

    private static TensorInfo parseEntry(Path path, String name, JsonNode entry) {
        JsonNode dtype = entry.get("dtype");
        JsonNode shape = entry.get("shape");
        JsonNode offsets = entry.get("data_offsets");
        if (dtype == null || !dtype.isTextual() || shape == null || !shape.isArray() || offsets == null
                || !offsets.isArray() || offsets.size() != 2) {
            throw new WeightsException("safetensors file " + path + " has a malformed header entry for tensor '"
                    + name + "': expected {dtype, shape, data_offsets: [begin, end]}, got " + entry);
        }
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i).asLong(-1);
            if (dims[i] < 0) {
                throw new WeightsException("safetensors file " + path + ": tensor '" + name
                        + "' has an invalid shape " + shape);
            }
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        if (begin < 0 || end < begin) {
            throw new WeightsException("safetensors file " + path + ": tensor '" + name
                    + "' has invalid data_offsets " + offsets);
        }
        return new TensorInfo(name, dtype.asText(), dims, begin, end);
    }

    private static WeightsException notSafetensors(Path path, String why) {
        return new WeightsException(path + " is not a safetensors file: " + why);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + at);
            }
            at += n;
        }
    }

    /** The file this view reads. */
    public Path path() {
        return path;
    }

    /** Tensor entries by name, in header order. */
    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    /** The header's {@code __metadata__} map (empty if absent). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The entry for {@code name}, if this file holds it. */
    public Optional<TensorInfo> info(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    /**
     * Reads a tensor as fp32, converting F16 and BF16 exactly.
     *
     * @throws WeightsException if the tensor is absent or its dtype is not F32, F16 or BF16
     */
    public FloatTensor read(String name) {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new WeightsException("tensor '" + name + "' not found in " + path);
        }
        SafetensorsDtype dtype = SafetensorsDtype.fromHeader(info.dtype()).orElseThrow(() ->
                new WeightsException("tensor '" + name + "' in " + path + " has dtype " + info.dtype()
                        + "; vigil reads F32, F16 and BF16"));
        int count = Math.toIntExact(info.elementCount());
        float[] values = new float[count];
        if (count > 0) {
            ByteBuffer data = map(info).order(ByteOrder.LITTLE_ENDIAN);
            switch (dtype) {
                case F32 -> data.asFloatBuffer().get(values);
                case F16 -> {
                    for (int i = 0; i < count; i++) {
                        values[i] = Fp16.toFloat(data.getShort(2 * i));
                    }
                }
                case BF16 -> {
                    for (int i = 0; i < count; i++) {
                        values[i] = Bf16.toFloat(data.getShort(2 * i));
                    }
                }
            }
        }
        return new FloatTensor(info.shape().clone(), values);
    }

    private ByteBuffer map(TensorInfo info) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            // the mapping stays valid after the channel is closed; it is released when the buffer is collected
            return channel.map(FileChannel.MapMode.READ_ONLY, dataStart + info.begin(), info.end() - info.begin());
        } catch (IOException e) {
            throw new WeightsException("cannot map tensor '" + info.name() + "' of " + path + ": " + e.getMessage(), e);
        }
    }
}
