package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.cli.config.ApiClientConfig;
import dev.vigil.cli.config.ConfigException;
import dev.vigil.cli.config.ConfigSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code vigil keys create|list|revoke}: API key management through a running vigil's API ({@code /v1/keys},
 * admin scope). It goes through the API rather than to the key store because the API is where the rules are
 * (a key never grants more than its creator) and because the store is a Kafka topic every API instance
 * follows: a key made here works on every instance at once. The admin key comes from {@code VIGIL_API_KEY}.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Create, list and revoke API keys of a running vigil (needs an admin key in VIGIL_API_KEY).",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The options every subcommand shares: where the API is. */
    static final class Target {
        @Option(names = "--api", description = "API base URL (default http://127.0.0.1:8080; env VIGIL_API_URL).")
        String api;

        @Option(names = "--config", description = "Properties file with settings (api.url, api.key).")
        Path configFile;

        ApiClientConfig config() {
            Map<String, String> flags = new HashMap<>();
            flags.put("api.url", api);
            return ApiClientConfig.from(ConfigSource.load(Optional.ofNullable(configFile), System.getenv()).withFlags(flags));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a key; prints its bearer token once (only its hash is stored).")
    static final class Create implements Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();

        @Option(names = "--name", required = true, description = "What the key is for.")
        String name;

        @Option(names = "--scope", required = true, split = ",", description = "read, ask, admin (repeat or comma-separate).")
        List<String> scopes;

        @Option(names = "--camera", split = ",", description = "Camera ids it may see, or * for every camera.")
        List<String> cameras = new ArrayList<>();

        @Option(names = "--label", description = "A camera label that grants sight, KEY=VALUE (repeatable).")
        Map<String, String> labels = new LinkedHashMap<>();

        @Option(names = "--expires-in", description = "Lifetime, e.g. 30d, 12h (default: never expires).")
        String expiresIn;

        @Option(names = "--expires-at", description = "Expiry instant, e.g. 2026-12-31T00:00:00Z.")
        String expiresAt;

        @Option(names = "--json", description = "Print the API's JSON answer as it is.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            ObjectNode body = JSON.createObjectNode().put("name", name);
            scopes.forEach(body.putArray("scopes")::add);
            if (cameras.size() == 1 && cameras.get(0).equals("*")) {
                body.put("cameras", "*");
            } else if (!cameras.isEmpty()) {
                cameras.forEach(body.putArray("cameras")::add);
            }
            if (!labels.isEmpty()) {
                ObjectNode l = body.putObject("labels");
                labels.forEach(l::put);
            }
            if (expiresIn != null) {
                body.put("expiresIn", expiresIn);
            }
            if (expiresAt != null) {
                body.put("expiresAt", expiresAt);
            }
            return send("keys create", target, "POST", "/v1/keys", body.toString(), 201, answer -> {
                if (json) {
                    System.out.println(answer);
                    return;
                }
                System.out.println("key " + answer.path("id").asText() + " (" + answer.path("name").asText() + "), shown once: "
                        + answer.path("key").asText());
                System.out.println("  scopes " + answer.path("scopes") + ", cameras " + answer.path("cameras")
                        + ", labels " + answer.path("labels") + ", expires " + answer.path("expiresAt").asText("never"));
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (ids and prefixes, never secrets).")
    static final class ListKeys implements Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();

        @Option(names = "--json", description = "Print the API's JSON answer as it is.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            return send("keys list", target, "GET", "/v1/keys", null, 200, answer -> {
                if (json) {
                    System.out.println(answer);
                    return;
                }
                System.out.printf("%-14s %-20s %-24s %-16s %s%n", "ID", "PREFIX", "NAME", "SCOPES", "SEES / EXPIRES");
                for (JsonNode k : answer.path("keys")) {
                    List<String> scopes = new ArrayList<>();
                    k.path("scopes").forEach(s -> scopes.add(s.asText()));
                    String expires = k.path("expiresAt").isNull() ? "never"
                            : k.path("expiresAt").asText() + (k.path("expired").asBoolean() ? " (expired)" : "");
                    System.out.printf("%-14s %-20s %-24s %-16s cameras %s labels %s, expires %s%n", k.path("id").asText(),
                            k.path("prefix").asText() + "…", k.path("name").asText(), String.join(",", scopes),
                            k.path("cameras"), k.path("labels"), expires);
                }
            });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key by its id, on every API instance.")
    static final class Revoke implements Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();

        @Parameters(index = "0", paramLabel = "ID", description = "The key's id (from vigil keys list).")
        String id;

        @Override
        public Integer call() throws Exception {
            return send("keys revoke", target, "DELETE", "/v1/keys/" + java.net.URLEncoder.encode(id,
                    java.nio.charset.StandardCharsets.UTF_8), null, 204, answer -> System.out.println("revoked key " + id));
        }
    }

    /** One request to the API; prints the API's error and returns 1 unless the status is {@code expected}. */
    private static int send(String command, Target target, String method, String path, String body, int expected,
                            java.util.function.Consumer<JsonNode> onSuccess) throws InterruptedException {
        ApiClientConfig config;
        try {
            config = target.config();
        } catch (ConfigException e) {
            System.err.println("vigil " + command + ": " + e.getMessage());
            return 2;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(config.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + config.key())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            System.err.println("vigil " + command + ": no answer from " + config.url() + " (" + e.getClass().getSimpleName()
                    + "); is vigil running? Start it with ./vigil up");
            return 1;
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() != expected) {
            System.err.println("vigil " + command + ": " + response.statusCode() + " " + answer.path("error").asText("error")
                    + ": " + answer.path("detail").asText(response.body()));
            return 1;
        }
        onSuccess.accept(answer);
        return 0;
    }

    private static JsonNode parse(String text) {
        try {
            return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode().put("detail", text);
        }
    }
}
