package dev.vigil.bench.driver;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Line charts as PNG, drawn with java.awt (headless): one x axis, a few named series of points. Enough for
 * "throughput and latency vs cameras" without a charting library.
 */
final class ReportPlots {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 420;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final Color[] COLOURS = {new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44),
            new Color(255, 127, 14), new Color(148, 103, 189)};

    /** One line: a label and its (x, y) points, x ascending. */
    record Series(String label, List<double[]> points) {
    }

    /** The smallest 1, 2, 2.5 or 5 × 10^k at or above {@code v}, so axis ticks (fifths) are round numbers. */
    private static double niceCeiling(double v) {
        double decade = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[]{1, 2, 2.5, 5, 10}) {
            if (m * decade >= v) {
                return m * decade;
            }
        }
        return 10 * decade;
    }

    /**
     * @param horizontal a y value to draw as a dashed reference line (a target), or NaN for none
     */
    void write(Path png, String title, String xLabel, String yLabel, List<Series> series, double horizontal) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        double maxX = 1;
        double maxY = Double.isNaN(horizontal) ? 0 : horizontal;
        for (Series s : series) {
            for (double[] p : s.points()) {
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, Double.isFinite(p[1]) ? p[1] : 0);
            }
        }
        maxY = niceCeiling(maxY <= 0 ? 1 : maxY * 1.05);
        maxX = niceCeiling(maxX);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, LEFT, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawLine(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH);
        g.drawLine(LEFT, TOP, LEFT, TOP + plotH);
        for (int i = 0; i <= 5; i++) {
            double y = maxY * i / 5;
            int py = TOP + plotH - (int) Math.round(plotH * i / 5.0);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(LEFT + 1, py, LEFT + plotW, py);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.3g", y), 8, py + 4);
            double x = maxX * i / 5;
            int px = LEFT + (int) Math.round(plotW * i / 5.0);
            g.drawString(String.format(Locale.ROOT, "%.3g", x), px - 10, TOP + plotH + 18);
        }
        g.drawString(xLabel, LEFT + plotW / 2 - 40, HEIGHT - 15);
        g.drawString(yLabel, 8, TOP - 8);
        if (!Double.isNaN(horizontal)) {
            int py = TOP + plotH - (int) Math.round(plotH * horizontal / maxY);
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[]{6, 6}, 0));
            g.drawLine(LEFT, py, LEFT + plotW, py);
            g.drawString("target", LEFT + plotW - 45, py - 4);
        }
        for (int s = 0; s < series.size(); s++) {
            Color colour = COLOURS[s % COLOURS.length];
            g.setColor(colour);
            g.setStroke(new BasicStroke(2f));
            int prevX = -1;
            int prevY = -1;
            for (double[] p : series.get(s).points()) {
                if (!Double.isFinite(p[1])) {
                    continue;
                }
                int px = LEFT + (int) Math.round(plotW * p[0] / maxX);
                int py = TOP + plotH - (int) Math.round(plotH * p[1] / maxY);
                g.fillOval(px - 4, py - 4, 8, 8);
                if (prevX >= 0) {
                    g.drawLine(prevX, prevY, px, py);
                }
                prevX = px;
                prevY = py;
            }
            g.fillRect(LEFT + 10, TOP + 10 + s * 18, 12, 4);
            g.drawString(series.get(s).label(), LEFT + 28, TOP + 16 + s * 18);
        }
        g.dispose();
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
    }
}
