package dev.vigil.api.cameras;

import dev.vigil.api.ApiException;
import dev.vigil.api.CameraIds;
import dev.vigil.api.JsonBody;
import dev.vigil.api.TimeWindow;
import dev.vigil.api.ask.CameraChoice;
import dev.vigil.api.auth.Access;
import dev.vigil.api.auth.Authentication;
import dev.vigil.api.memory.ClipId;
import dev.vigil.api.memory.MemoryView;
import dev.vigil.api.memory.Moment;
import dev.vigil.schema.CameraConfig;
import dev.vigil.schema.cameras.ClipBudget;
import dev.vigil.topologies.memory.MemoryUnavailableException;
import io.javalin.http.Context;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /v1/cameras}: the camera list from {@code vigil.cameras} (a {@link CompactedTopic} whose writes go
 * through {@code CameraDefinitions}, the topic's one writer), each camera's status and memory, its timeline,
 * keyframes and live thumbnail.
 */
public final class CamerasResource {
    private static final int MAX_TIMELINE = 5_000;

    /** Clips of an accepted camera always fit {@code vigil.clips}; a definition that could overflow it is a 400. */
    private static final ClipBudget CLIP_BUDGET = ClipBudget.standard();
    private final CompactedTopic<CameraConfig> cameras;
    private final CameraStatusSource status;
    private final MemoryView memory;
    private final CameraChoice choice;
    private final JsonBody body;
    private final Clock clock;

    public CamerasResource(CompactedTopic<CameraConfig> cameras, CameraStatusSource status, MemoryView memory,
                           CameraChoice choice, JsonBody body, Clock clock) {
        this.cameras = cameras;
        this.status = status;
        this.memory = memory;
        this.choice = choice;
        this.body = body;
        this.clock = clock;
    }

    /** {@code GET /v1/cameras}: the cameras the key may see, by id. */
    public void list(Context ctx) {
        Access access = Authentication.of(ctx);
        List<CameraView> views = cameras.all().values().stream()
                .filter(c -> access.canSee(c.getId()))
                .sorted(Comparator.comparing(CameraConfig::getId))
                .map(this::view).toList();
        ctx.json(Map.of("cameras", views));
    }

    /** {@code GET /v1/cameras/{id}}. */
    public void get(Context ctx) {
        String id = choice.one(ctx.pathParam("id"), Authentication.of(ctx));
        ctx.json(view(cameras.get(id).orElseThrow()));
    }

    /** {@code POST /v1/cameras}: adds a camera (409 if the id exists; 403 unless the key would see it). */
    public void create(Context ctx) {
        CameraRequest r = body.read(ctx, CameraRequest.class);
        String id = CameraIds.check(r.id());
        Optional<CameraConfig> existing = cameras.get(id);
        Authentication.of(ctx).requireManage(id, existing.map(CamerasResource::labels), Optional.of(requested(r)));
        if (existing.isPresent()) {
            throw new ApiException(409, "camera exists", "camera '" + id + "' already exists; PUT /v1/cameras/" + id + " changes it");
        }
        CameraConfig config = config(id, r);
        cameras.put(id, config);
        ctx.status(201).json(view(config));
    }

    /** {@code PUT /v1/cameras/{id}}: adds or replaces a camera (403 unless the key sees it before and after). */
    public void replace(Context ctx) {
        String id = CameraIds.check(ctx.pathParam("id"));
        CameraRequest r = body.read(ctx, CameraRequest.class);
        if (r.id() != null && !r.id().equals(id)) {
            throw ApiException.badRequest("the body's id '" + ApiException.echo(r.id()) + "' differs from the path's '"
                    + id + "'");
        }
        Authentication.of(ctx).requireManage(id, cameras.get(id).map(CamerasResource::labels), Optional.of(requested(r)));
        CameraConfig config = config(id, r);
        cameras.put(id, config);
        ctx.json(view(config));
    }

    /**
     * {@code DELETE /v1/cameras/{id}}: a tombstone on {@code vigil.cameras}; ingest stops the camera (403 unless
     * the key sees it).
     */
    public void delete(Context ctx) {
        String id = CameraIds.check(ctx.pathParam("id"));
        Optional<CameraConfig> existing = cameras.get(id);
        // as GET: 403 for a camera the key may not see (existing or not), then 404 for one that does not exist
        Authentication.of(ctx).requireManage(id, Optional.of(existing.map(CamerasResource::labels).orElse(Map.of())),
                Optional.empty());
        if (existing.isEmpty()) {
            throw ApiException.notFound("unknown camera", "there is no camera '" + id + "'");
        }
        cameras.delete(id);
        ctx.status(204);
    }

    /** {@code GET /v1/cameras/{id}/timeline?from&to&last}: the camera's stored moments in time order. */
    public void timeline(Context ctx) {
        String id = choice.one(ctx.pathParam("id"), Authentication.of(ctx));
        TimeWindow window = TimeWindow.of(ctx.queryParam("from"), ctx.queryParam("to"), ctx.queryParam("last"), clock);
        List<Moment> moments = memory.range(id, window);
        boolean truncated = moments.size() > MAX_TIMELINE;
        List<TimelineClip> clips = moments.stream().skip(Math.max(0, moments.size() - MAX_TIMELINE))
                .map(TimelineClip::of).toList();
        ctx.json(new Timeline(id, clips, truncated));
    }

    /** {@code GET /v1/cameras/{id}/clips/{clipId}/keyframe.jpg}. */
    public void keyframe(Context ctx) {
        String id = choice.one(ctx.pathParam("id"), Authentication.of(ctx));
        ClipId clip = ClipId.parse(ctx.pathParam("clipId"));
        byte[] jpeg = memory.keyframe(id, clip).orElseThrow(() -> ApiException.notFound("no keyframe",
                "camera '" + id + "' has no stored keyframe for clip " + clip + " (expired, or never had one)"));
        ctx.header("Cache-Control", "private, max-age=86400").contentType("image/jpeg").result(jpeg);
    }

    /** {@code GET /v1/cameras/{id}/live.jpg}: the keyframe of the camera's newest clip. */
    public void live(Context ctx) {
        String id = choice.one(ctx.pathParam("id"), Authentication.of(ctx));
        Moment latest = memory.latest(id).orElseThrow(() -> ApiException.notFound("no keyframe",
                "camera '" + id + "' has no clip in memory yet"));
        byte[] jpeg = memory.keyframe(id, latest.clipId()).orElseThrow(() -> ApiException.notFound("no keyframe",
                "the newest clip of camera '" + id + "' has no keyframe"));
        ctx.header("Cache-Control", "no-store").header("X-Vigil-Clip", latest.clipId().toString())
                .contentType("image/jpeg").result(jpeg);
    }

    /** A timeline: the camera's moments, oldest first; {@code truncated} when only the newest were kept. */
    public record Timeline(String camera, List<TimelineClip> clips, boolean truncated) {
    }

    /** One moment on a timeline. */
    public record TimelineClip(String clipId, String start, String end, int tier, int tokens, int clipsCovered,
                               String keyframeUrl) {
        static TimelineClip of(Moment m) {
            return new TimelineClip(m.clipId().toString(), Instant.ofEpochMilli(m.start()).toString(),
                    Instant.ofEpochMilli(m.end()).toString(), m.tier(), m.tokens(), m.clipsCovered(),
                    m.hasKeyframe() ? m.keyframeUrl() : null);
        }
    }

    private static Map<String, String> labels(CameraConfig c) {
        return Map.copyOf(c.getLabels());
    }

    /** The labels a request gives the camera (a request without labels gives it none). */
    private static Map<String, String> requested(CameraRequest r) {
        return r.labels() == null ? Map.of() : r.labels();
    }

    private CameraView view(CameraConfig c) {
        CameraView.Memory mem;
        try {
            mem = CameraView.Memory.of(memory.stats(c.getId()), clock.millis());
        } catch (MemoryUnavailableException e) {
            mem = new CameraView.Memory(null, null, null, null, null, e.getMessage());
        }
        return CameraView.of(c, status.status(c.getId()).orElse(CameraStatus.unknown()), mem);
    }

    private CameraConfig config(String id, CameraRequest r) {
        if (r.url() == null || r.url().isBlank() || r.url().length() > 2048) {
            throw ApiException.badRequest("url is required (rtsp://, rtsps://, http(s)://, a file path or synthcam://), at most 2048 characters");
        }
        String scheme = scheme(r.url());
        if (scheme != null && !List.of("rtsp", "rtsps", "http", "https", "file", "synthcam").contains(scheme)) {
            throw ApiException.badRequest("url scheme '" + scheme + "' is not supported; use rtsp, rtsps, http, https, file or synthcam");
        }
        CameraConfig.Builder b = CameraConfig.newBuilder().setId(id).setUrl(r.url()).setUpdatedAt(Instant.ofEpochMilli(clock.millis()));
        if (r.fps() != null) {
            b.setFps(range("fps", r.fps(), 0.01, 60));
        }
        if (r.resizeLongest() != null) {
            b.setResizeLongest((int) range("resizeLongest", r.resizeLongest(), 32, 4096));
        }
        if (r.jpegQuality() != null) {
            b.setJpegQuality((int) range("jpegQuality", r.jpegQuality(), 1, 100));
        }
        if (r.clipFrames() != null) {
            b.setClipFrames((int) range("clipFrames", r.clipFrames(), 1, 64));
        }
        if (r.retentionHours() != null) {
            b.setRetentionHours((int) range("retentionHours", r.retentionHours(), 1, 24 * 366));
        }
        if (r.labels() != null) {
            if (r.labels().size() > 32 || r.labels().entrySet().stream().anyMatch(e -> e.getKey().length() > 64
                    || e.getValue() == null || e.getValue().length() > 256)) {
                throw ApiException.badRequest("labels: at most 32, keys up to 64 and values up to 256 characters");
            }
            b.setLabels(new HashMap<>(r.labels()));
        }
        if (r.enabled() != null) {
            b.setEnabled(r.enabled());
        }
        CameraConfig config = b.build();
        CLIP_BUDGET.problem(config).ifPresent(problem -> {
            throw ApiException.badRequest(problem);
        });
        return config;
    }

    private static String scheme(String url) {
        try {
            return URI.create(url).getScheme();
        } catch (IllegalArgumentException e) {
            return null; // a plain file path
        }
    }

    private static double range(String field, double v, double min, double max) {
        if (Double.isNaN(v) || v < min || v > max) {
            throw ApiException.badRequest(field + " must be within " + min + ".." + max + ", got " + v);
        }
        return v;
    }
}
