package dev.vigil.ingest.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG2VIDEO;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_S16LE;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;

import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Writes small test videos with FFmpeg itself (through JavaCV), so robustness tests need no fixtures:
 * a moving bar on a gradient, optionally frozen after some frame.
 */
final class TestMedia {

    private TestMedia() {
    }

    /**
     * An MPEG-2 transport stream of {@code frames} frames; from frame {@code freezeFrom} on every frame
     * repeats the picture of that frame (a frozen camera).
     */
    static void video(Path out, int width, int height, int frames, int fps, int freezeFrom) throws Exception {
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toString(), width, height, 0)) {
            r.setFormat("mpegts");
            r.setVideoCodec(AV_CODEC_ID_MPEG2VIDEO);
            r.setFrameRate(fps);
            r.setGopSize(fps);
            r.setVideoBitrate(1_500_000);
            r.start();
            Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
            for (int i = 0; i < frames; i++) {
                paint(frame, width, height, Math.min(i, freezeFrom));
                r.record(frame);
            }
            r.stop();
        }
    }

    /** An MJPEG AVI of {@code frames} frames: full-range YUV, which swscale calls a deprecated pixel format. */
    static void mjpeg(Path out, int width, int height, int frames, int fps) throws Exception {
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toString(), width, height, 0)) {
            r.setFormat("avi");
            r.setVideoCodec(org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG);
            r.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P);
            r.setFrameRate(fps);
            r.setVideoQuality(5);
            r.start();
            Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
            for (int i = 0; i < frames; i++) {
                paint(frame, width, height, i);
                r.record(frame);
            }
            r.stop();
        }
    }

    /** A WAV file with a second of a tone and no video at all. */
    static void audioOnly(Path out) throws Exception {
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toString(), 1)) {
            r.setFormat("wav");
            r.setAudioCodec(AV_CODEC_ID_PCM_S16LE);
            r.setSampleRate(16000);
            r.start();
            ShortBuffer samples = ShortBuffer.allocate(16000);
            for (int i = 0; i < 16000; i++) {
                samples.put(i, (short) (8000 * Math.sin(i * 2 * Math.PI * 440 / 16000)));
            }
            r.recordSamples(16000, 1, samples);
            r.stop();
        }
    }

    private static void paint(Frame frame, int w, int h, int t) {
        ByteBuffer b = (ByteBuffer) frame.image[0];
        int stride = frame.imageStride;
        int bar = (t * 7) % w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * stride + x * 3;
                boolean onBar = Math.abs(x - bar) < w / 10;
                b.put(i, (byte) (onBar ? 255 : x * 255 / w));
                b.put(i + 1, (byte) (onBar ? 255 : y * 255 / h));
                b.put(i + 2, (byte) (onBar ? 0 : (t * 3) & 0xff));
            }
        }
    }
}
