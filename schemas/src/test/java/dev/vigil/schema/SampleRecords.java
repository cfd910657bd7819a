package dev.vigil.schema;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One realistic record of every contract, for round-trip tests. */
final class SampleRecords {
    static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");

    private SampleRecords() {
    }

    static Frame frame(String camera, long seq) {
        return Frame.newBuilder()
                .setCameraId(camera).setSeq(seq)
                .setEventTime(T0.plusMillis(500 * seq)).setIngestTime(T0.plusMillis(500 * seq + 40))
                .setWidth(448).setHeight(256)
                .setJpeg(bytes(2048, (byte) seq)).setThumbnail(bytes(300, (byte) 7))
                .build();
    }

    static Clip clip(String camera) {
        List<ClipFrame> frames = List.of(
                new ClipFrame(0L, T0, 448, 256, bytes(1000, (byte) 1)),
                new ClipFrame(1L, T0.plusMillis(500), 448, 256, bytes(1000, (byte) 2)));
        return Clip.newBuilder().setCameraId(camera).setClipIndex(42).setStart(T0).setEnd(T0.plusSeconds(2))
                .setExpectedFrames(4).setPartial(true).setFrames(frames).setIngestTime(T0.plusSeconds(3)).build();
    }

    static ClipTokens clipTokens(String camera) {
        return ClipTokens.newBuilder().setCameraId(camera).setClipIndex(42).setStart(T0).setEnd(T0.plusSeconds(2))
                .setModelId("synthcam-tiny@1")
                .setTokens(new TokenMatrix(64, 192, bytes(64 * 192 * 2, (byte) 3)))
                .setTokenSizes(java.util.Collections.nCopies(64, 4))
                .setFrameEmbeddings(new TokenMatrix(4, 192, bytes(4 * 192 * 2, (byte) 4)))
                .setFrameTimes(List.of(T0, T0.plusMillis(500), T0.plusMillis(1000), T0.plusMillis(1500)))
                .setSamplingStride(2).setPartial(false).setKeyframe(bytes(500, (byte) 5))
                .setIngestTime(T0.plusSeconds(3)).setEncodeTime(T0.plusSeconds(4))
                .build();
    }

    static TemporalState temporalState(String camera) {
        return TemporalState.newBuilder().setCameraId(camera).setModelId("synthcam-tiny@1").setLastClipIndex(42)
                .setEventTime(T0.plusSeconds(2)).setState(bytes(4096, (byte) 6)).setGlobalCount(168)
                .setGlobalEmbedding(bytes(192 * 4, (byte) 8)).setIngestTime(T0.plusSeconds(5)).build();
    }

    static CameraConfig camera(String id) {
        return CameraConfig.newBuilder().setId(id).setUrl("rtsp://user:secret@10.1.2.3/stream1")
                .setLabels(Map.of("site", "gate-2")).setUpdatedAt(T0).build();
    }

    static DeadLetter deadLetter() {
        return DeadLetter.newBuilder().setSourceTopic(Topics.FRAMES).setSourcePartition(3).setSourceOffset(99)
                .setKey(ByteBuffer.wrap("cam-1".getBytes())).setValue(bytes(10, (byte) 9)).setReason("not Avro")
                .setErrorClass("dev.vigil.schema.serde.WireFormatException").setService("test").setTime(T0).build();
    }

    static ByteBuffer bytes(int n, byte fill) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (fill + i * 31);
        }
        return ByteBuffer.wrap(b);
    }
}
