package dev.vigil.schema.cameras;

import dev.vigil.schema.CameraConfig;
import dev.vigil.schema.Topics;

import java.util.Optional;

/**
 * How large a clip may get, so that no camera definition can make a clip the broker refuses.
 *
 * <p>A clip carries {@code clipFrames} JPEGs. The largest JPEG a camera can send is bounded twice: by the
 * {@code vigil.frames} record limit (ingest never sends a larger frame; the broker refuses one), and by the raw
 * size of its largest picture ({@code resizeLongest}² pixels of 3 bytes: frames are resized so their longest
 * side is at most that, and a baseline JPEG of camera content is no larger than its raw pixels). A definition is
 * accepted only when {@code clipFrames} such frames plus the clip's envelope fit the {@code vigil.clips} record
 * limit; the clip windows still check every clip as they build it, for frames from any other writer.
 *
 * @param clipRecordBytes  the {@code vigil.clips} {@code max.message.bytes}
 * @param frameRecordBytes the {@code vigil.frames} {@code max.message.bytes}
 */
public record ClipBudget(int clipRecordBytes, int frameRecordBytes) {
    /** Room in a clip record for all but the JPEGs: the clip's fields, each frame's fields, the batch header. */
    public static final int ENVELOPE_BYTES = 64 << 10;
    /** JPEG markers and tables on top of the coded pixels. */
    private static final int JPEG_HEADER_BYTES = 4 << 10;

    public ClipBudget {
        if (clipRecordBytes <= ENVELOPE_BYTES || frameRecordBytes < 1) {
            throw new IllegalArgumentException("clip budget: the clip record limit must exceed " + ENVELOPE_BYTES
                    + " bytes and the frame limit be positive, got " + clipRecordBytes + " and " + frameRecordBytes);
        }
    }

    /** The budget of vigil's topics as {@link Topics} lays them out. */
    public static ClipBudget of(Topics topics) {
        return new ClipBudget(topics.spec(Topics.CLIPS).maxMessageBytes(), topics.spec(Topics.FRAMES).maxMessageBytes());
    }

    /** The budget of the standard topic layout (record limits do not depend on partitions or replication). */
    public static ClipBudget standard() {
        return of(Topics.singleBroker());
    }

    /** How many JPEG bytes one clip may carry in all. */
    public int jpegBytesPerClip() {
        return clipRecordBytes - ENVELOPE_BYTES;
    }

    /** The largest JPEG a camera whose frames are at most {@code resizeLongest} pixels on a side can send. */
    public long largestFrameBytes(int resizeLongest) {
        long raw = 3L * resizeLongest * resizeLongest + JPEG_HEADER_BYTES;
        return Math.min(raw, frameRecordBytes);
    }

    /** The most frames per clip a camera with frames at most {@code resizeLongest} pixels on a side may have. */
    public int maxClipFrames(int resizeLongest) {
        return (int) Math.min(Integer.MAX_VALUE, jpegBytesPerClip() / largestFrameBytes(resizeLongest));
    }

    /** Why the definition could make a clip larger than {@code vigil.clips} takes, in words that say what to change; empty when it cannot. */
    public Optional<String> problem(CameraConfig camera) {
        int frames = camera.getClipFrames();
        int longest = camera.getResizeLongest();
        long worst = largestFrameBytes(longest);
        if ((long) frames * worst <= jpegBytesPerClip()) {
            return Optional.empty();
        }
        return Optional.of("clipFrames " + frames + " at resizeLongest " + longest + " could make a clip of up to "
                + frames + " x " + worst + " bytes, over the " + jpegBytesPerClip() + " bytes of JPEG a "
                + Topics.CLIPS + " record holds (max.message.bytes " + clipRecordBytes + "); use clipFrames <= "
                + maxClipFrames(longest) + " at this size, or a smaller resizeLongest");
    }
}
