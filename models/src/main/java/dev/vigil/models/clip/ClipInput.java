package dev.vigil.models.clip;

import dev.vigil.models.image.RgbFrame;

import java.util.List;
import java.util.Optional;

/**
 * One camera's next clip, as handed to {@link ClipEncoder#encode}.
 *
 * @param streamId       the camera (stream) the clip belongs to; names the stream in every error
 * @param frames         the clip's frames in capture order, at least one; a partial clip (fewer frames than
 *                       the bundle's clip length) is allowed
 * @param state          the stream's serialised state ({@link EncodedClip#newState()} of its previous clip), or
 *                       empty for a stream that starts now
 * @param samplingStride STORM test-time temporal sampling: 1 encodes every frame, k encodes only stream frames
 *                       whose stream-wide index is a multiple of k (the phase is carried in the state, so it
 *                       does not depend on where clips are cut)
 */
public record ClipInput(String streamId, List<RgbFrame> frames, Optional<byte[]> state, int samplingStride) {

    public ClipInput {
        if (streamId == null || streamId.isBlank()) {
            throw new IllegalArgumentException("streamId must not be blank");
        }
        if (frames == null || frames.isEmpty()) {
            throw new IllegalArgumentException("stream '" + streamId + "': a clip needs at least one frame");
        }
        if (samplingStride < 1) {
            throw new IllegalArgumentException("stream '" + streamId + "': samplingStride must be >= 1, got "
                    + samplingStride);
        }
        frames = List.copyOf(frames);
        state = state == null ? Optional.empty() : state;
    }

    /** A clip of a stream that starts fresh, every frame encoded. */
    public static ClipInput fresh(String streamId, List<RgbFrame> frames) {
        return new ClipInput(streamId, frames, Optional.empty(), 1);
    }

    /** The stream's next clip, continuing from {@code state}, every frame encoded. */
    public static ClipInput continuing(String streamId, List<RgbFrame> frames, byte[] state) {
        return new ClipInput(streamId, frames, Optional.of(state), 1);
    }
}
