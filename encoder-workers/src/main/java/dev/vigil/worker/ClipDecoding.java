package dev.vigil.worker;

import dev.vigil.models.image.FramePreprocessor;
import dev.vigil.models.image.RgbFrame;
import dev.vigil.schema.Clip;
import dev.vigil.schema.ClipFrame;
import org.bytedeco.opencv.opencv_core.Mat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Decodes a clip's JPEGs on the decode threads, so that the encoder thread only runs the model: each frame is
 * decoded and resized to the model's input size (the 8-bit values the vision tower's preprocessing would compute
 * itself, see {@link FramePreprocessor#resized}), and the clip's middle frame also becomes the keyframe
 * thumbnail kept with its tokens.
 */
final class ClipDecoding {

    private final ExecutorService pool;
    private final FramePreprocessor preprocessor;
    private final int keyframeLongest;

    ClipDecoding(ExecutorService pool, FramePreprocessor preprocessor, int keyframeLongest) {
        this.pool = pool;
        this.preprocessor = preprocessor;
        this.keyframeLongest = keyframeLongest;
    }

    /** Starts decoding every frame of the clip; the result is collected with {@link Pending#await()}. */
    Pending submit(Clip clip) {
        List<ClipFrame> frames = clip.getFrames();
        int keyframe = frames.size() / 2;
        List<Future<Decoded>> futures = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            ClipFrame f = frames.get(i);
            String what = "frame " + f.getSeq() + " of clip " + clip.getCameraId() + "#" + clip.getClipIndex();
            boolean thumbnail = i == keyframe;
            futures.add(pool.submit(() -> decode(f, what, thumbnail)));
        }
        return new Pending(clip, futures, keyframe, keyframeLongest);
    }

    private Decoded decode(ClipFrame frame, String what, boolean withThumbnail) {
        RgbFrame full;
        byte[] thumbnail = null;
        try (Mat image = JpegFrames.read(frame.getJpeg(), what)) {
            full = JpegFrames.rgb(image);
            if (withThumbnail) {
                thumbnail = JpegFrames.thumbnail(image, keyframeLongest);
            }
        }
        return new Decoded(preprocessor.resized(full), thumbnail);
    }

    private record Decoded(RgbFrame frame, byte[] thumbnail) {
    }

    /**
     * A clip's frames that could be decoded, at the model's input size, and its keyframe thumbnail (JPEG).
     *
     * @param frames  the decoded frames, in clip order
     * @param sources which of the clip's frames each decoded frame is (its index in the clip)
     * @param keyframe the thumbnail of the middle decoded frame
     * @param dropped the frames that could not be decoded, each with why
     */
    record DecodedClip(List<RgbFrame> frames, List<Integer> sources, byte[] keyframe, List<DroppedFrame> dropped) {
    }

    /** A frame left out of its clip: which one (its index in the clip) and why. */
    record DroppedFrame(int index, PoisonClipException reason) {
    }

    /** A clip being decoded. */
    static final class Pending {
        private final Clip clip;
        private final List<Future<Decoded>> frames;
        private final int keyframe;
        private final int keyframeLongest;

        private Pending(Clip clip, List<Future<Decoded>> frames, int keyframe, int keyframeLongest) {
            this.clip = clip;
            this.frames = frames;
            this.keyframe = keyframe;
            this.keyframeLongest = keyframeLongest;
        }

        /**
         * Waits for every frame. A frame that cannot be decoded is left out of the clip (and reported in
         * {@link DecodedClip#dropped()}), so one corrupt JPEG costs one frame, not the clip.
         *
         * @throws PoisonClipException when no frame of the clip can be decoded
         */
        DecodedClip await() throws InterruptedException {
            List<RgbFrame> out = new ArrayList<>(frames.size());
            List<Integer> sources = new ArrayList<>(frames.size());
            List<DroppedFrame> dropped = new ArrayList<>();
            byte[] thumbnail = null;
            for (int i = 0; i < frames.size(); i++) {
                try {
                    Decoded d = frames.get(i).get();
                    out.add(d.frame());
                    sources.add(i);
                    if (i == keyframe) {
                        thumbnail = d.thumbnail();
                    }
                } catch (ExecutionException e) {
                    PoisonClipException reason = e.getCause() instanceof PoisonClipException poison ? poison
                            : new PoisonClipException("frame " + i + " cannot be decoded: " + e.getCause(), e.getCause());
                    dropped.add(new DroppedFrame(i, reason));
                }
            }
            if (out.isEmpty()) {
                throw new PoisonClipException("no frame of clip " + clip.getCameraId() + "#" + clip.getClipIndex()
                        + " can be decoded (first: " + dropped.get(0).reason().getMessage() + ")", dropped.get(0).reason());
            }
            if (thumbnail == null) {
                // The middle frame was the corrupt one: the middle of those decoded stands in (decoded once already).
                ClipFrame middle = clip.getFrames().get(sources.get(sources.size() / 2));
                try (Mat image = JpegFrames.read(middle.getJpeg(), "keyframe of clip " + clip.getCameraId())) {
                    thumbnail = JpegFrames.thumbnail(image, keyframeLongest);
                }
            }
            return new DecodedClip(out, sources, thumbnail, dropped);
        }
    }
}
