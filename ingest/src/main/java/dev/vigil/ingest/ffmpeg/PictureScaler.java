package dev.vigil.ingest.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Converts a decoded FFmpeg picture straight to scaled BGR in one swscale pass. Doing colour conversion
 * and scaling together, and only for frames the sampler keeps, is what lets a 1080p stream be ingested
 * at 2 fps without converting all 25 frames a second. Owns a native swscale context: {@link #close()}.
 */
final class PictureScaler implements AutoCloseable {

    private SwsContext context;
    private final PointerPointer<?> dstData = new PointerPointer<>(1);
    private final IntPointer dstStride = new IntPointer(1);

    /** Writes {@code picture} scaled to {@code width}×{@code height} BGR into {@code out}. */
    void scale(AVFrame picture, Mat out, int width, int height) {
        context = sws_getCachedContext(context, picture.width(), picture.height(), picture.format(),
                width, height, AV_PIX_FMT_BGR24, SWS_AREA, null, null, (DoublePointer) null);
        if (context == null) {
            throw new IllegalStateException("no swscale conversion from pixel format " + picture.format());
        }
        out.create(height, width, CV_8UC3);
        dstData.put(0, out.data());
        dstStride.put(0, (int) out.step());
        sws_scale(context, picture.data(), picture.linesize(), 0, picture.height(), dstData, dstStride);
    }

    @Override
    public void close() {
        if (context != null) {
            sws_freeContext(context);
            context = null;
        }
        dstData.close();
        dstStride.close();
    }
}
