package dev.vigil.models.weights;

import java.util.Optional;

/**
 * The element types vigil reads from and writes to safetensors files.
 *
 * <p>Other safetensors dtypes (I64, F64, BOOL, ...) may appear in a file, for example an old Hugging Face
 * {@code position_ids} buffer; they are listed by the header but rejected when a model asks for them.
 */
public enum SafetensorsDtype {
    F32(4),
    F16(2),
    BF16(2);

    private final int bytes;

    SafetensorsDtype(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The dtype for a header's {@code dtype} string, or empty if vigil cannot read it. */
    public static Optional<SafetensorsDtype> fromHeader(String name) {
        for (SafetensorsDtype dtype : values()) {
            if (dtype.name().equals(name)) {
                return Optional.of(dtype);
            }
        }
        return Optional.empty();
    }
}
