package dev.vigil.api.memory;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.TimeWindow;
import dev.vigil.state.CameraStats;
import dev.vigil.state.GlobalEmbedding;
import dev.vigil.state.MemoryEntry;
import dev.vigil.state.ScoredEntry;
import dev.vigil.state.query.CameraStatsQuery;
import dev.vigil.state.query.GlobalEmbeddingQuery;
import dev.vigil.state.query.LatestQuery;
import dev.vigil.state.query.MemoryQuery;
import dev.vigil.state.query.SimilarityQuery;
import dev.vigil.state.query.TimeRangeQuery;
import dev.vigil.topologies.memory.MemoryQueries;
import dev.vigil.topologies.memory.TopK;
import org.apache.kafka.streams.state.HostInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the API reads from TokenMemory, over every instance: each read is a {@link MemoryQuery} record, answered
 * by the instance whose partition owns the camera. When that is this instance, {@link MemoryQueries} asks the
 * local partition (IQv2); otherwise {@link MemoryForwarding} sends the record to the owner, whose
 * {@link InternalMemoryResource} answers it with {@link #answerHere}. Questions over every camera go to this
 * instance and every other one, and the per-instance top-k lists are merged ({@link TopK}). Nothing here reaches
 * into RocksDB.
 *
 * <p>Answers come back in the API's form: {@link Moment}s (no token bytes) for similarity, time-range and latest
 * queries, JPEG bytes for keyframes, {@link MomentTokens} (fp16, cut to what the reader takes) for the one read
 * that wants tokens, the store's records for global embeddings and stats.
 */
public final class MemoryView {
    private final MemoryQueries queries;
    private final MemoryForwarding forwarding;
    private final JavaType moments;
    private final JavaType jpeg;
    private final JavaType tokens;
    private final JavaType global;
    private final JavaType stats;

    public MemoryView(MemoryQueries queries, MemoryForwarding forwarding, ObjectMapper json) {
        this.queries = queries;
        this.forwarding = forwarding;
        this.moments = json.getTypeFactory().constructCollectionType(List.class, Moment.class);
        this.jpeg = json.constructType(byte[].class);
        this.tokens = json.constructType(MomentTokens.class);
        this.global = json.constructType(GlobalEmbedding.class);
        this.stats = json.constructType(CameraStats.class);
    }

    /**
     * The {@code k} moments most similar to {@code embedding} in the window, best first.
     *
     * @param cameras the cameras to search, or {@code null} for every camera on every instance
     */
    public List<Moment> similar(Set<String> cameras, float[] embedding, TimeWindow w, int k) {
        List<List<Moment>> answers = new ArrayList<>();
        if (cameras == null) {
            SimilarityQuery all = SimilarityQuery.allCameras(embedding, w.from(), w.to(), k);
            answers.add(moments(answerHere(all)));
            for (HostInfo other : queries.otherInstances()) {
                answers.add(forwarding.ask(other, all, moments));
            }
        } else {
            for (String camera : cameras) {
                answers.add(ask(camera, new SimilarityQuery(camera, embedding, w.from(), w.to(), k), moments));
            }
        }
        return TopK.merge(answers, k, Moment::score, Moment::camera, Moment::start);
    }

    /** The camera's moments overlapping the window, oldest first. */
    public List<Moment> range(String camera, TimeWindow w) {
        return ask(camera, new TimeRangeQuery(camera, w.from(), w.to()), moments);
    }

    /** The camera's newest moment. */
    public Optional<Moment> latest(String camera) {
        List<Moment> newest = ask(camera, new LatestQuery(camera, 1), moments);
        return newest.stream().findFirst();
    }

    /** The JPEG keyframe of the entry that holds this clip, if any. */
    public Optional<byte[]> keyframe(String camera, ClipId clip) {
        return Optional.ofNullable(ask(camera, KeyframeQuery.of(camera, clip), jpeg));
    }

    /**
     * The stored tokens of the entry that holds this clip, cut to its first {@code maxTokens} merged tokens and
     * first {@code maxFrames} frame embeddings (the cut happens at the owner, so only those travel); empty when
     * memory no longer holds the clip (retention may have dropped it since it was scored).
     */
    public Optional<MomentTokens> tokens(String camera, ClipId clip, int maxTokens, int maxFrames) {
        return Optional.ofNullable(ask(camera, MomentTokensQuery.of(camera, clip, maxTokens, maxFrames), tokens));
    }

    /** The camera's running global embedding (LongVLM global semantics). */
    public GlobalEmbedding global(String camera) {
        return ask(camera, new GlobalEmbeddingQuery(camera), global);
    }

    /** What the camera's memory holds. */
    public CameraStats stats(String camera) {
        return ask(camera, new CameraStatsQuery(camera), stats);
    }

    /**
     * Answers {@code query} from this instance's own partitions, in the API's form (see the class comment; a
     * missing keyframe or clip is {@code null}): the camera's partition, or for a similarity query over every camera all
     * local partitions. The internal route calls this for queries forwarded here, so a query is forwarded at
     * most once.
     */
    public Object answerHere(MemoryQuery<?> query) {
        if (query instanceof SimilarityQuery q) {
            List<ScoredEntry> scored = q.cameraId() == null ? queries.similarLocal(q) : queries.askLocal(q.cameraId(), q);
            return scored.stream().map(s -> Moment.of(s.entry(), s.score())).toList();
        }
        if (query instanceof TimeRangeQuery q) {
            return unscored(queries.askLocal(q.cameraId(), q));
        }
        if (query instanceof LatestQuery q) {
            return unscored(queries.askLocal(q.cameraId(), q));
        }
        if (query instanceof KeyframeQuery q) {
            return queries.askLocal(q.cameraId(), q).orElse(null);
        }
        if (query instanceof MomentTokensQuery q) {
            return queries.askLocal(q.cameraId(), q).orElse(null);
        }
        if (query instanceof GlobalEmbeddingQuery q) {
            return queries.askLocal(q.cameraId(), q);
        }
        if (query instanceof CameraStatsQuery q) {
            return queries.askLocal(q.cameraId(), q);
        }
        throw new IllegalArgumentException("the API does not read " + query.getClass().getSimpleName());
    }

    /** Asks the camera's owner; {@code answer} is the type {@link #answerHere} gives for this query. */
    @SuppressWarnings("unchecked")
    private <T> T ask(String camera, MemoryQuery<?> query, JavaType answer) {
        Optional<HostInfo> owner = queries.remoteOwner(camera);
        return owner.isPresent() ? forwarding.ask(owner.get(), query, answer) : (T) answerHere(query);
    }

    @SuppressWarnings("unchecked")
    private static List<Moment> moments(Object answer) {
        return (List<Moment>) answer;
    }

    private static List<Moment> unscored(List<MemoryEntry> entries) {
        return entries.stream().map(e -> Moment.of(e, Double.NaN)).toList();
    }
}
