package dev.vigil.api;

import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.staticfiles.Location;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP front of vigil: API under {@code /v1}, the dashboard at {@code /}.
 *
 * <p>Plain Javalin wiring: each route is registered here and delegates to a small handler object.
 */
public final class ApiServer implements AutoCloseable {
    private final Javalin app;

    public ApiServer(List<HealthCheck> checks) {
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/dashboard";
                files.location = Location.CLASSPATH;
            });
        });
        app.get("/v1/health", ctx -> {
            Map<String, Object> components = new LinkedHashMap<>();
            boolean up = true;
            for (HealthCheck check : checks) {
                String problem = check.problem();
                up &= problem == null;
                components.put(check.name(), problem == null ? Map.of("status", "UP") : Map.of("status", "DOWN", "problem", problem));
            }
            ctx.status(up ? 200 : 503).json(Map.of("status", up ? "UP" : "DOWN", "components", components));
        });
        app.exception(Exception.class, (e, ctx) -> ctx.status(500).contentType(ContentType.APPLICATION_JSON)
                .result("{\"error\":\"internal error\"}"));
    }

    /** Starts listening on 127.0.0.1:{@code port} (0 = any free port) and returns the port. */
    public int start(String host, int port) {
        app.start(host, port);
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
