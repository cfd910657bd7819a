package dev.vigil.models.image;

/**
 * A decoded video frame: 8-bit RGB, row-major, channels interleaved ({@code rgb[(y * width + x) * 3 + c]}).
 *
 * <p>The array is not copied; callers hand over a frame they no longer change.
 */
public record RgbFrame(int width, int height, byte[] rgb) {

    public RgbFrame {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("a " + width + "x" + height + " RGB frame needs "
                    + width * height * 3 + " bytes, got " + rgb.length);
        }
    }

    /** Channel {@code c} (0 = red) of pixel (x, y), 0..255. */
    public int sample(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }
}
