package dev.vigil.ingest.ffmpeg;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

import dev.vigil.ingest.FramePicture;

/** A picture as FFmpeg decoded it (any pixel format), converted only when asked. */
final class AvFramePicture implements FramePicture {

    private final AVFrame frame;
    private final PictureScaler scaler;

    AvFramePicture(AVFrame frame, PictureScaler scaler) {
        this.frame = frame;
        this.scaler = scaler;
    }

    @Override
    public int width() {
        return frame.width();
    }

    @Override
    public int height() {
        return frame.height();
    }

    @Override
    public void scaleInto(Mat out, int width, int height) {
        scaler.scale(frame, out, width, height);
    }

    @Override
    public void sampleBrightness(byte[] grid, int cols) {
        // Plane 0 is luma for the YUV formats cameras send; for packed RGB it is still a fair fingerprint.
        BytePointer plane = frame.data(0);
        int stride = frame.linesize(0);
        int w = frame.width();
        int h = frame.height();
        int rows = grid.length / cols;
        for (int r = 0; r < rows; r++) {
            long y = (long) (2L * r + 1) * h / (2L * rows);
            for (int c = 0; c < cols; c++) {
                long x = (long) (2L * c + 1) * w / (2L * cols);
                grid[r * cols + c] = plane.get(y * stride + x);
            }
        }
    }
}
