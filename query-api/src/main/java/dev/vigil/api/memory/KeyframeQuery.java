package dev.vigil.api.memory;

import dev.vigil.state.MemoryEntry;
import dev.vigil.state.TokenMemory;
import dev.vigil.state.query.MemoryQuery;

import java.util.Optional;

/**
 * The JPEG keyframe of the entry that holds a clip: the raw clip itself, or the consolidated entry that
 * covers it. Only the API needs keyframes, so this query lives here; the store runs any {@link MemoryQuery}.
 *
 * @param cameraId  the camera
 * @param clipIndex the clip's index
 * @param start     the clip's (or its entry's) start, epoch millis
 */
public record KeyframeQuery(String cameraId, long clipIndex, long start) implements MemoryQuery<Optional<byte[]>> {

    /** The query for the clip a keyframe URL names. */
    public static KeyframeQuery of(String cameraId, ClipId clip) {
        return new KeyframeQuery(cameraId, clip.clipIndex(), clip.start());
    }

    @Override
    public Optional<byte[]> execute(TokenMemory memory) {
        for (MemoryEntry e : memory.range(cameraId, start, start)) {
            if ((e.start() == start || e.coversClip(clipIndex)) && e.keyframe() != null) {
                return Optional.of(e.keyframe());
            }
        }
        return Optional.empty();
    }
}
