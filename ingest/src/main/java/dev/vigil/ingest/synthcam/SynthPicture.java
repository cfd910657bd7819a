package dev.vigil.ingest.synthcam;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import dev.vigil.ingest.FramePicture;

/**
 * A rendered synthcam frame: packed BGR bytes on the Java heap, copied to native memory only when a
 * consumer asks for pixels (most rendered frames are skipped by the sampler).
 */
final class SynthPicture implements FramePicture, AutoCloseable {

    private final int width;
    private final int height;
    final byte[] bgr;
    private final Mat mat;
    private boolean copied;

    SynthPicture(int width, int height) {
        this.width = width;
        this.height = height;
        this.bgr = new byte[width * height * 3];
        this.mat = new Mat(height, width, CV_8UC3);
    }

    /** Marks the bytes as new (the native copy is stale). */
    void refreshed() {
        copied = false;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public void scaleInto(Mat out, int w, int h) {
        if (!copied) {
            mat.data().put(bgr);
            copied = true;
        }
        if (w == width && h == height) {
            mat.copyTo(out);
        } else {
            resize(mat, out, new Size(w, h), 0, 0, INTER_AREA);
        }
    }

    @Override
    public void sampleBrightness(byte[] grid, int cols) {
        int rows = grid.length / cols;
        for (int r = 0; r < rows; r++) {
            int y = (2 * r + 1) * height / (2 * rows);
            for (int c = 0; c < cols; c++) {
                int x = (2 * c + 1) * width / (2 * cols);
                grid[r * cols + c] = bgr[(y * width + x) * 3 + 1];
            }
        }
    }

    @Override
    public void close() {
        mat.close();
    }
}
