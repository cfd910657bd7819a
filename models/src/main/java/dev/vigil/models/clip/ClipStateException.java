package dev.vigil.models.clip;

/**
 * A stream's serialised state cannot be resumed by this encoder (corrupt bytes, another format version, or a
 * state written by a bundle with other dimensions). The message names the stream; {@link #streamId()} gives it
 * to callers that route the clip to a dead-letter topic.
 */
public class ClipStateException extends IllegalArgumentException {

    private final String streamId;

    /**
     * @param streamId the stream whose state was rejected
     * @param message  what is wrong, without the stream (it is prefixed)
     * @param cause    the format error
     */
    public ClipStateException(String streamId, String message, Throwable cause) {
        super("stream '" + streamId + "': " + message, cause);
        this.streamId = streamId;
    }

    /** The stream whose state was rejected. */
    public String streamId() {
        return streamId;
    }
}
