package dev.vigil.api.memory;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.ApiException;
import dev.vigil.state.TokenBlock;
import dev.vigil.state.query.CameraStatsQuery;
import dev.vigil.state.query.GlobalEmbeddingQuery;
import dev.vigil.state.query.LatestQuery;
import dev.vigil.state.query.MemoryQuery;
import dev.vigil.state.query.SimilarityQuery;
import dev.vigil.state.query.TimeRangeQuery;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The forwarded form of every query type, and what a bad payload is told. */
class MemoryQueryJsonTest {
    private final MemoryQueryJson codec = new MemoryQueryJson(new ObjectMapper());

    @Test
    void everyQueryTypeSurvivesTheRoundTrip() {
        List<MemoryQuery<?>> queries = List.of(
                new SimilarityQuery("door", new float[]{0.1f, -2.5f, 1e-7f, Float.MIN_VALUE}, 5, 1_700_000_000_000L, 10),
                SimilarityQuery.allCameras(new float[]{1f}, 0, Long.MAX_VALUE / 2, 0),
                new TimeRangeQuery("cam-1.front_door", Long.MIN_VALUE, Long.MAX_VALUE),
                new LatestQuery("door", 1),
                new KeyframeQuery("door", 42, 1_700_000_000_123L),
                new MomentTokensQuery("door", 42, 1_700_000_000_123L, 64, 4),
                new GlobalEmbeddingQuery("door"),
                new CameraStatsQuery("door"));
        for (MemoryQuery<?> q : queries) {
            assertThat(codec.read(codec.write(q))).as(q.toString()).isEqualTo(q);
        }
    }

    @Test
    void momentTokensTravelAsBase64Fp16AndComeBackEqual() throws Exception {
        ObjectMapper json = new ObjectMapper();
        float[][] rows = new float[64][192];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                rows[r][c] = (float) Math.sin(r * 192 + c);
            }
        }
        MomentTokens tokens = new MomentTokens("synthcam-tiny", TokenBlock.of(rows, 192),
                TokenBlock.of(new float[][]{rows[0], rows[1], rows[2], rows[3]}, 192));
        byte[] wire = json.writeValueAsBytes(tokens);
        assertThat(json.readValue(wire, MomentTokens.class)).isEqualTo(tokens);
        assertThat(json.readTree(wire).path("tokens").path("fp16").isTextual()).as("base64, not a number array").isTrue();
        // 68 rows of 192 halves: base64 of 26 KiB plus a little JSON
        assertThat(wire.length).isLessThan(68 * 192 * 2 * 4 / 3 + 400);
    }

    @Test
    void theTypeIsNamedOnTheWire() {
        assertThat(new String(codec.write(new LatestQuery("door", 3)), StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"latest\",\"cameraId\":\"door\",\"n\":3}");
    }

    @Test
    void badPayloadsAreA400ThatSaysWhatIsWrong() {
        refused("", "the body is empty");
        refused("{\"type\":", "malformed JSON at line 1");
        refused("[1,2]", "must be a JSON object");
        refused("{\"cameraId\":\"door\"}", "'type' must be one of [camera-stats, global-embedding, keyframe, latest, moment-tokens, similarity, time-range], got none");
        refused("{\"type\":\"delete-everything\"}", "got \"delete-everything\"");
        refused("{\"type\":\"latest\",\"cameraId\":\"door\"}", "latest query needs 'n' as a count");
        refused("{\"type\":\"latest\",\"cameraId\":\"door\",\"n\":-1}", "latest query needs 'n' as a count (0 or more), got -1");
        refused("{\"type\":\"time-range\",\"from\":0,\"to\":1}", "time-range query needs 'cameraId'");
        refused("{\"type\":\"time-range\",\"cameraId\":7,\"from\":0,\"to\":1}", "'cameraId' must be a string, got NUMBER");
        refused("{\"type\":\"time-range\",\"cameraId\":\"d\",\"from\":\"yesterday\",\"to\":1}", "needs 'from' as a whole number");
        refused("{\"type\":\"keyframe\",\"cameraId\":\"d\",\"clipIndex\":1.5,\"start\":0}", "needs 'clipIndex' as a whole number");
        refused("{\"type\":\"moment-tokens\",\"cameraId\":\"d\",\"clipIndex\":1,\"start\":0,\"maxTokens\":64}",
                "moment-tokens query needs 'maxFrames' as a count");
        refused("{\"type\":\"camera-stats\",\"cameraId\":\"d\",\"op\":\"stats\"}", "camera-stats query has no field 'op' (fields: [cameraId])");
        refused("{\"type\":\"similarity\",\"embedding\":[],\"from\":0,\"to\":1,\"k\":3}", "needs 'embedding' as a non-empty array");
        refused("{\"type\":\"similarity\",\"embedding\":[1,\"x\"],\"from\":0,\"to\":1,\"k\":3}", "embedding[1] is not a number");
    }

    private void refused(String body, String detail) {
        assertThatThrownBy(() -> codec.read(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageStartingWith("forwarded memory query: ")
                .hasMessageContaining(detail);
    }
}
