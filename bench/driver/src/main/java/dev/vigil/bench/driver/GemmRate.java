package dev.vigil.bench.driver;

/**
 * A measured dense matrix-multiply rate.
 *
 * @param n              matrix side (two n×n operands)
 * @param dtype          element type
 * @param repeats        timed products
 * @param bestSeconds    the fastest product
 * @param flopsPerSecond 2n³ / bestSeconds
 */
public record GemmRate(int n, String dtype, int repeats, double bestSeconds, double flopsPerSecond) {
}
