package dev.vigil.worker;

/** A clip no worker can encode (unreadable record, undecodable JPEG, another model, bad shape): dead-letter it. */
public class PoisonClipException extends RuntimeException {
    public PoisonClipException(String message, Throwable cause) {
        super(message, cause);
    }
}
