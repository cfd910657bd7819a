package dev.vigil.api.memory;

import dev.vigil.state.MemoryEntry;

/**
 * One stored moment of a camera (a clip, or a consolidation of several) as the API deals with it: times,
 * cost in tokens and, when it came from a similarity search, its score. No token bytes: those stay in memory.
 *
 * @param camera      the camera
 * @param clipIndex   the entry's (first) clip index
 * @param start       epoch millis
 * @param end         epoch millis
 * @param tier        0 = raw clip, 1-2 = consolidated
 * @param tokens      how many visual tokens the entry holds (its cost in an LLM context)
 * @param score       cosine similarity to the question, or NaN when not scored
 * @param modelId     the model bundle of the tokens
 * @param hasKeyframe whether a keyframe is stored
 * @param clipsCovered how many original clips the entry stands for
 */
public record Moment(String camera, long clipIndex, long start, long end, int tier, int tokens, double score,
                     String modelId, boolean hasKeyframe, int clipsCovered) {

    public static Moment of(MemoryEntry e, double score) {
        return new Moment(e.cameraId(), e.clipIndex(), e.start(), e.end(), e.tier(), e.tokens().count(), score,
                e.modelId(), e.keyframe() != null, e.covers().size());
    }

    /** The id used in keyframe URLs. */
    public ClipId clipId() {
        return new ClipId(clipIndex, start);
    }

    /** The API path of this moment's keyframe. */
    public String keyframeUrl() {
        return "/v1/cameras/" + camera + "/clips/" + clipId() + "/keyframe.jpg";
    }
}
