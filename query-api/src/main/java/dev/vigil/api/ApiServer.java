package dev.vigil.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.ask.AskResource;
import dev.vigil.api.ask.CameraChoice;
import dev.vigil.api.ask.EvidenceSelection;
import dev.vigil.api.ask.QuestionAnswering;
import dev.vigil.api.auth.Authentication;
import dev.vigil.api.auth.KeysResource;
import dev.vigil.api.auth.Scope;
import dev.vigil.api.cameras.CamerasResource;
import dev.vigil.api.chat.ChatResource;
import dev.vigil.api.chat.OpenAiError;
import dev.vigil.api.llm.LlmUnavailableException;
import dev.vigil.api.memory.InternalMemoryResource;
import dev.vigil.api.memory.MemoryForwarding;
import dev.vigil.api.watch.EventsResource;
import dev.vigil.api.watch.WatchesResource;
import dev.vigil.schema.CameraConfig;
import dev.vigil.topologies.memory.MemoryUnavailableException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Timer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The HTTP front of vigil: the API under {@code /v1}, the dashboard at {@code /}, {@code /metrics},
 * {@code /openapi.json} and the instance-to-instance route {@code /internal/v1/memory}.
 *
 * <p>Plain Javalin wiring: each route is registered here, with the scope it needs, and delegates to a handler
 * group (one class per resource). Every error is JSON {@code {error, detail}}; no stack trace leaves the server.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final String HANDLED = "vigil.error";

    private final Javalin app;
    private final ApiSettings settings;
    private final EventsResource events;
    private final List<String> routes = new ArrayList<>();

    /**
     * @param settings where to listen and what to accept
     * @param services what the API talks to ({@link ApiServices#connect})
     * @param clock    the wall clock, for {@code last} windows and timestamps
     */
    public ApiServer(ApiSettings settings, ApiServices services, Clock clock) {
        this.settings = settings;
        ObjectMapper json = JsonBody.strictMapper();
        JsonBody body = new JsonBody(json, settings.maxBodyBytes());
        Supplier<Map<String, CameraConfig>> directory = () -> services.cameras().all();
        CameraChoice choice = new CameraChoice(directory);
        Authentication auth = new Authentication(services.keys(),
                id -> services.cameras().get(id).map(c -> Map.copyOf(c.getLabels())).orElse(Map.of()), clock);
        KeysResource keys = new KeysResource(services.keys(), body, clock);
        MetricsPage metricsPage = new MetricsPage(settings.publicCameraMetrics());
        QuestionAnswering answering = new QuestionAnswering(services.memory(), services.embedder(), services.llm(),
                EvidenceSelection.balanced());
        HealthResource health = new HealthResource(services.checks(), services.cameras(), services.watches(),
                services.llm());
        CamerasResource cameras = new CamerasResource(services.cameras(), services.cameraStatus(), services.memory(),
                choice, body, clock);
        AskResource ask = new AskResource(answering, choice, body, settings, clock);
        WatchesResource watches = new WatchesResource(services.watches(), services.embedder(), choice, body, settings, clock);
        ChatResource chat = new ChatResource(answering, choice, directory, body, json, settings, clock);
        InternalMemoryResource internal = new InternalMemoryResource(services.memory(), services.memoryQueries(),
                services.instanceToken(), body);
        this.events = new EventsResource(services.alerts(), services.watches()::get, services.embedder().relevance());
        byte[] openApi = resource("/openapi.json");

        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.http.maxRequestSize = settings.maxBodyBytes();
            // Jetty answers what never reaches Javalin (bad request line, 414, 431) itself: in the API's JSON shape.
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(json)));
            config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JsonErrorHandler(json)));
            config.events.handlerAdded(h -> routes.add(h.getHttpMethod().name() + " " + h.getPath()));
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/dashboard";
                files.location = Location.CLASSPATH;
            });
            settings.tls().ifPresent(tls -> config.jetty.addConnector((server, http) -> {
                SslContextFactory.Server ssl = new SslContextFactory.Server();
                ssl.setKeyStorePath(tls.keystore().toAbsolutePath().toString());
                ssl.setKeyStorePassword(tls.password());
                ServerConnector connector = new ServerConnector(server, ssl);
                connector.setHost(settings.host());
                connector.setPort(settings.port());
                return connector;
            }));
        });

        app.before("/v1/*", ctx -> {
            if (!ctx.path().equals("/v1/health")) {
                auth.authenticate(ctx);
            }
        });
        app.before(ctx -> ctx.attribute("vigil.started", System.nanoTime()));
        app.after(ctx -> {
            Long started = ctx.attribute("vigil.started");
            String route = ctx.endpointHandlerPath();
            if (started != null && !route.equals("*")) {
                Timer.builder("vigil.http.requests").description("HTTP requests served, by route and status").tag("method", ctx.method().name()).tag("route", route)
                        .tag("status", Integer.toString(ctx.statusCode())).register(services.metrics())
                        .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        });

        app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metricsPage.render(services.metrics().scrape(), auth.optional(ctx))));
        app.get("/v1/health", health::health);

        route(HandlerType.GET, "/v1/cameras", Scope.READ, cameras::list);
        route(HandlerType.POST, "/v1/cameras", Scope.ADMIN, cameras::create);
        route(HandlerType.GET, "/v1/cameras/{id}", Scope.READ, cameras::get);
        route(HandlerType.PUT, "/v1/cameras/{id}", Scope.ADMIN, cameras::replace);
        route(HandlerType.DELETE, "/v1/cameras/{id}", Scope.ADMIN, cameras::delete);
        route(HandlerType.GET, "/v1/cameras/{id}/timeline", Scope.READ, cameras::timeline);
        route(HandlerType.GET, "/v1/cameras/{id}/clips/{clipId}/keyframe.jpg", Scope.READ, cameras::keyframe);
        route(HandlerType.GET, "/v1/cameras/{id}/live.jpg", Scope.READ, cameras::live);
        route(HandlerType.POST, "/v1/ask", Scope.ASK, ask::ask);
        route(HandlerType.GET, "/v1/search", Scope.READ, ask::search);
        route(HandlerType.GET, "/v1/watches", Scope.READ, watches::list);
        route(HandlerType.POST, "/v1/watches", Scope.ASK, watches::create);
        route(HandlerType.DELETE, "/v1/watches/{id}", Scope.ASK, watches::delete);
        route(HandlerType.GET, "/v1/events", Scope.READ, events.handler());
        route(HandlerType.POST, "/v1/chat/completions", Scope.ASK, chat::complete);
        route(HandlerType.GET, "/v1/models", Scope.READ, chat::models);
        route(HandlerType.GET, "/v1/models/{id}", Scope.READ, chat::model);
        route(HandlerType.GET, "/v1/keys", Scope.ADMIN, keys::list);
        route(HandlerType.POST, "/v1/keys", Scope.ADMIN, keys::create);
        route(HandlerType.DELETE, "/v1/keys/{id}", Scope.ADMIN, keys::revoke);
        app.post(MemoryForwarding.PATH, internal::answer);

        app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.body()));
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), switch (e.getStatus()) {
            case 404 -> new ApiError("not found", "no route " + ctx.method() + " " + ctx.path() + " (see /openapi.json)");
            case 405 -> new ApiError("method not allowed", ctx.method() + " is not allowed on " + ctx.path());
            case 413 -> new ApiError("body too large", "the request body is over " + settings.maxBodyBytes() + " bytes");
            default -> new ApiError(e.getStatus() >= 500 ? "internal error" : "bad request", e.getMessage());
        }));
        app.exception(MemoryUnavailableException.class, (e, ctx) -> error(ctx, 503, new ApiError("memory unavailable",
                e.getMessage() + "; retry in a few seconds")));
        app.exception(LlmUnavailableException.class, (e, ctx) -> error(ctx, 502, new ApiError("llm unavailable", e.getMessage())));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, new ApiError("internal error", "the server failed on this request; its log has the details"));
        });
    }

    /** Registers a route that needs {@code scope} (authentication happened in the before-handler). */
    private void route(HandlerType method, String path, Scope scope, Handler handler) {
        app.addHttpHandler(method, path, ctx -> {
            Authentication.of(ctx).require(scope);
            handler.handle(ctx);
        });
    }

    private static void error(Context ctx, int status, ApiError body) {
        ctx.attribute(HANDLED, true);
        ctx.status(status).json(OpenAiError.appliesTo(ctx.path()) ? OpenAiError.of(status, body) : body);
    }

    /** The routes registered with Javalin, as {@code METHOD path}, in registration order. */
    public List<String> routes() {
        return List.copyOf(routes);
    }

    /** Starts listening and returns the port (the actual one when {@code port} was 0). */
    public int start() {
        if (settings.tls().isPresent()) {
            app.start(); // the TLS connector carries host and port
            return ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getLocalPort();
        }
        app.start(settings.host(), settings.port());
        return app.port();
    }

    @Override
    public void close() {
        events.close();
        app.stop();
    }

    private static byte[] resource(String name) {
        try (InputStream in = ApiServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the query-api jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
