package dev.vigil.ingest;

/**
 * A frame after scaling and JPEG encoding.
 *
 * @param width     width of {@code jpeg}
 * @param height    height of {@code jpeg}
 * @param jpeg      the frame
 * @param thumbnail a smaller JPEG of the same image
 */
public record EncodedImage(int width, int height, byte[] jpeg, byte[] thumbnail) {
}
