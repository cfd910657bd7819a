package dev.vigil.state;

/** Stored bytes that are not a valid TokenMemory value: wrong version, bad checksum or truncated. */
public final class CorruptEntryException extends RuntimeException {
    public CorruptEntryException(String message) {
        super(message);
    }
}
