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
        return new Pending(futures, keyframe);
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

    /** A clip's frames, decoded at the model's input size, and its keyframe thumbnail (JPEG). */
    record DecodedClip(List<RgbFrame> frames, byte[] keyframe) {
    }

    /** A clip being decoded. */
    static final class Pending {
        private final List<Future<Decoded>> frames;
        private final int keyframe;

        private Pending(List<Future<Decoded>> frames, int keyframe) {
            this.frames = frames;
            this.keyframe = keyframe;
        }

        /**
         * Waits for every frame.
         *
         * @throws PoisonClipException naming the first frame that cannot be decoded
         */
        DecodedClip await() throws InterruptedException {
            List<RgbFrame> out = new ArrayList<>(frames.size());
            byte[] thumbnail = null;
            for (int i = 0; i < frames.size(); i++) {
                Decoded d;
                try {
                    d = frames.get(i).get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof PoisonClipException poison) {
                        throw poison;
                    }
                    throw new PoisonClipException("frame " + i + " cannot be decoded: " + e.getCause(), e.getCause());
                }
                out.add(d.frame());
                if (i == keyframe) {
                    thumbnail = d.thumbnail();
                }
            }
            return new DecodedClip(out, thumbnail);
        }
    }
}
