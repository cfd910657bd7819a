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
import dev.vigil.state.query.SimilarityQuery;
import dev.vigil.state.query.TimeRangeQuery;
import dev.vigil.topologies.memory.MemoryQueries;
import org.apache.kafka.streams.state.HostInfo;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link MemoryView} over Kafka Streams interactive queries: a camera's question goes to this instance's
 * partition when it owns the camera ({@link MemoryQueries#askLocal}), otherwise to the owner over HTTP
 * ({@link MemoryForwarding}); questions over every camera go to this instance and every other one, and the
 * per-instance top-k lists are merged.
 */
public final class StreamsMemory implements MemoryView, LocalMemory {
    private final MemoryQueries queries;
    private final MemoryForwarding forwarding;
    private final JavaType moments;
    private final JavaType moment;
    private final JavaType keyframe;
    private final JavaType global;
    private final JavaType stats;

    public StreamsMemory(MemoryQueries queries, MemoryForwarding forwarding, ObjectMapper json) {
        this.queries = queries;
        this.forwarding = forwarding;
        this.moments = json.getTypeFactory().constructCollectionType(List.class, Moment.class);
        this.moment = json.constructType(Moment.class);
        this.keyframe = json.constructType(String.class);
        this.global = json.constructType(GlobalEmbedding.class);
        this.stats = json.constructType(CameraStats.class);
    }

    @Override
    public List<Moment> similar(Set<String> cameras, float[] embedding, TimeWindow w, int k) {
        List<Moment> all = new ArrayList<>();
        if (cameras == null) {
            all.addAll(local(new MemoryRequest("similar", List.of(), embedding, w.from(), w.to(), k, 0, 0)));
            for (HostInfo other : queries.otherInstances()) {
                all.addAll(forwarding.ask(other, new MemoryRequest("similar", List.of(), embedding, w.from(), w.to(), k, 0, 0), moments));
            }
        } else {
            for (String camera : cameras) {
                all.addAll(this.<List<Moment>>route(camera,
                        new MemoryRequest("similar", List.of(camera), embedding, w.from(), w.to(), k, 0, 0), moments));
            }
        }
        return all.stream().sorted(Comparator.comparingDouble(Moment::score).reversed()
                .thenComparing(Moment::camera).thenComparingLong(Moment::start)).limit(k).toList();
    }

    @Override
    public List<Moment> range(String camera, TimeWindow w) {
        return route(camera, new MemoryRequest("range", List.of(camera), null, w.from(), w.to(), 0, 0, 0), moments);
    }

    @Override
    public Optional<Moment> latest(String camera) {
        return Optional.ofNullable(route(camera, new MemoryRequest("latest", List.of(camera), null, 0, 0, 0, 0, 0), moment));
    }

    @Override
    public Optional<byte[]> keyframe(String camera, ClipId clip) {
        String base64 = route(camera, new MemoryRequest("keyframe", List.of(camera), null, 0, 0, 0, clip.clipIndex(), clip.start()), keyframe);
        return Optional.ofNullable(base64).map(b -> Base64.getDecoder().decode(b));
    }

    @Override
    public GlobalEmbedding global(String camera) {
        return route(camera, new MemoryRequest("global", List.of(camera), null, 0, 0, 0, 0, 0), global);
    }

    @Override
    public CameraStats stats(String camera) {
        return route(camera, new MemoryRequest("stats", List.of(camera), null, 0, 0, 0, 0, 0), stats);
    }

    @SuppressWarnings("unchecked")
    private <T> T route(String camera, MemoryRequest request, JavaType type) {
        Optional<HostInfo> owner = queries.remoteOwner(camera);
        if (owner.isPresent()) {
            return forwarding.ask(owner.get(), request, type);
        }
        return local(request);
    }

    @SuppressWarnings("unchecked")
    private <T> T local(MemoryRequest request) {
        return (T) answer(request);
    }

    /**
     * Answers from this instance's own partitions: the camera's owner partition, or for {@code similar} with no
     * cameras every local partition. The internal route calls this for forwarded requests.
     */
    @Override
    public Object answer(MemoryRequest r) {
        String camera = r.cameras().isEmpty() ? null : r.cameras().get(0);
        Object result = switch (r.op()) {
            case "similar" -> camera == null
                    ? toMoments(queries.similarLocal(SimilarityQuery.allCameras(r.embedding(), r.from(), r.to(), r.k())))
                    : toMoments(queries.askLocal(camera, new SimilarityQuery(camera, r.embedding(), r.from(), r.to(), r.k())));
            case "range" -> queries.askLocal(camera, new TimeRangeQuery(camera, r.from(), r.to())).stream()
                    .map(e -> Moment.of(e, Double.NaN)).toList();
            case "latest" -> queries.askLocal(camera, new LatestQuery(camera, 1)).stream()
                    .map(e -> Moment.of(e, Double.NaN)).findFirst().orElse(null);
            case "keyframe" -> keyframeLocal(camera, r.clipIndex(), r.start());
            case "global" -> queries.askLocal(camera, new GlobalEmbeddingQuery(camera));
            case "stats" -> queries.askLocal(camera, new CameraStatsQuery(camera));
            default -> throw new IllegalArgumentException("unknown memory op " + r.op());
        };
        return result;
    }

    private String keyframeLocal(String camera, long clipIndex, long start) {
        for (MemoryEntry e : queries.askLocal(camera, new TimeRangeQuery(camera, start, start))) {
            if ((e.start() == start || e.coversClip(clipIndex)) && e.keyframe() != null) {
                return Base64.getEncoder().encodeToString(e.keyframe());
            }
        }
        return null;
    }

    private static List<Moment> toMoments(List<ScoredEntry> scored) {
        return scored.stream().map(s -> Moment.of(s.entry(), s.score())).toList();
    }
}
