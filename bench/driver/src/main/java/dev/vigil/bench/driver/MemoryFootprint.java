package dev.vigil.bench.driver;

/**
 * TokenMemory size per camera.
 *
 * @param cameras                    cameras measured
 * @param approximateBytesMean       {@code CameraStatsQuery} approximateBytes (entries + summary + temporal state,
 *                                   RocksDB overhead excluded), mean over cameras at the end of the trial
 * @param coveredSecondsMean         event time the entries span (newest end − oldest start), mean
 * @param bytesPerCameraHour         approximateBytes scaled linearly to an hour: the raw tier's rate, an upper
 *                                   estimate since entries older than 10 min are consolidated
 * @param keyframeBytesMax           largest stored keyframe thumbnail
 * @param boundBytesPerCameraDay     {@code MemoryBound} for this stream shape with the default tiers and 24 h
 *                                   retention: what one camera can hold at most, at any time, forever
 */
public record MemoryFootprint(int cameras, double approximateBytesMean, double coveredSecondsMean,
                              double bytesPerCameraHour, int keyframeBytesMax, long boundBytesPerCameraDay) {
}
