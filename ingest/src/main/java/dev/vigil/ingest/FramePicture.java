package dev.vigil.ingest;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The pixels of one decoded frame, in whatever layout the source decoded them into. Converting and
 * scaling happen only on request, so a source pays for colour conversion only on the frames the sampler
 * keeps. A picture is valid until the next {@link CameraSource#read()} on its source.
 */
public interface FramePicture {

    /** Width in pixels as decoded. */
    int width();

    /** Height in pixels as decoded. */
    int height();

    /**
     * Writes the picture, scaled to {@code width}×{@code height}, as packed 8-bit BGR into {@code out}
     * (which is (re)allocated as needed).
     */
    void scaleInto(Mat out, int width, int height);

    /**
     * Fills {@code grid} with a coarse brightness sample (row-major, {@code cols} per row) taken at
     * evenly spaced points; cheap enough to run on every frame, used to notice a frozen picture.
     */
    void sampleBrightness(byte[] grid, int cols);
}
