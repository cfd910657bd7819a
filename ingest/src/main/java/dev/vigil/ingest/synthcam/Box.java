package dev.vigil.ingest.synthcam;

/** A pixel rectangle in the rendered frame: left, top, width, height. */
public record Box(int x, int y, int w, int h) {

    /** The rectangle clipped to a {@code width}×{@code height} frame (may become empty). */
    public Box clip(int width, int height) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(width, x + w);
        int y1 = Math.min(height, y + h);
        return new Box(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }
}
