package dev.vigil.ingest.synthcam;

/**
 * A packed-RGB raster ({@code int[]}, 0xRRGGBB) with the few filled shapes synthcam draws. Shapes are
 * filled span by span straight into the array: far cheaper than Graphics2D for flat-colour shapes,
 * and exactly reproducible.
 */
final class Canvas {

    final int width;
    final int height;
    final int[] pixels;

    Canvas(int width, int height) {
        this.width = width;
        this.height = height;
        this.pixels = new int[width * height];
    }

    void fillRect(double x0, double y0, double x1, double y1, int rgb) {
        int ax = clampX((int) Math.round(Math.min(x0, x1)));
        int bx = clampX((int) Math.round(Math.max(x0, x1)));
        int ay = clampY((int) Math.round(Math.min(y0, y1)));
        int by = clampY((int) Math.round(Math.max(y0, y1)));
        for (int y = ay; y < by; y++) {
            int row = y * width;
            java.util.Arrays.fill(pixels, row + ax, row + bx, rgb);
        }
    }

    void fillEllipse(double cx, double cy, double rx, double ry, int rgb) {
        if (rx <= 0 || ry <= 0) {
            return;
        }
        int ay = clampY((int) Math.floor(cy - ry));
        int by = clampY((int) Math.ceil(cy + ry));
        for (int y = ay; y < by; y++) {
            double dy = (y + 0.5 - cy) / ry;
            double q = 1 - dy * dy;
            if (q <= 0) {
                continue;
            }
            double half = rx * Math.sqrt(q);
            int ax = clampX((int) Math.round(cx - half));
            int bx = clampX((int) Math.round(cx + half));
            if (bx > ax) {
                java.util.Arrays.fill(pixels, y * width + ax, y * width + bx, rgb);
            }
        }
    }

    /** A filled ring (annulus) between {@code inner} and {@code outer} radius. */
    void fillRing(double cx, double cy, double outer, double inner, int rgb) {
        int ay = clampY((int) Math.floor(cy - outer));
        int by = clampY((int) Math.ceil(cy + outer));
        for (int y = ay; y < by; y++) {
            double dy = y + 0.5 - cy;
            double qo = outer * outer - dy * dy;
            if (qo <= 0) {
                continue;
            }
            double ho = Math.sqrt(qo);
            double qi = inner * inner - dy * dy;
            if (qi <= 0) {
                span(y, cx - ho, cx + ho, rgb);
            } else {
                double hi = Math.sqrt(qi);
                span(y, cx - ho, cx - hi, rgb);
                span(y, cx + hi, cx + ho, rgb);
            }
        }
    }

    /** A straight stroke of the given thickness, stamped as small squares along its length. */
    void line(double x0, double y0, double x1, double y1, double thickness, int rgb) {
        double len = Math.hypot(x1 - x0, y1 - y0);
        int steps = Math.max(1, (int) Math.ceil(len));
        double h = thickness / 2;
        for (int i = 0; i <= steps; i++) {
            double x = x0 + (x1 - x0) * i / steps;
            double y = y0 + (y1 - y0) * i / steps;
            fillRect(x - h, y - h, x + h, y + h, rgb);
        }
    }

    private void span(int y, double xa, double xb, int rgb) {
        int ax = clampX((int) Math.round(xa));
        int bx = clampX((int) Math.round(xb));
        if (bx > ax) {
            java.util.Arrays.fill(pixels, y * width + ax, y * width + bx, rgb);
        }
    }

    private int clampX(int x) {
        return Math.max(0, Math.min(width, x));
    }

    private int clampY(int y) {
        return Math.max(0, Math.min(height, y));
    }

    /** Scales each channel of {@code rgb} by {@code f} (0..1). */
    static int shade(int rgb, double f) {
        int r = (int) (((rgb >> 16) & 0xff) * f);
        int g = (int) (((rgb >> 8) & 0xff) * f);
        int b = (int) ((rgb & 0xff) * f);
        return (r << 16) | (g << 8) | b;
    }
}
