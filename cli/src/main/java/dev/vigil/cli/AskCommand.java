package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code vigil ask CAMERA "question"}: asks a running vigil's API ({@code POST /v1/ask}) and prints the answer
 * with the events it cites; {@code --json} prints the API's answer unchanged, for scripts.
 */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = "Ask one camera (or * for all) a question and print the answer with its evidence.")
final class AskCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CAMERA", description = "Camera id, or * for every camera the key may see.")
    String camera;

    @Parameters(index = "1", paramLabel = "QUESTION", description = "The question, in free English.")
    String question;

    @Option(names = "--api", description = "API base URL (default http://127.0.0.1:8080; env VIGIL_API_URL).")
    String api;

    @Option(names = "--key", description = "API key (default: env VIGIL_API_KEY; vigil up prints one at first start).")
    String key;

    @Option(names = "--last", description = "Only the last period, e.g. 15m, 2h (default: all of memory).")
    String last;

    @Option(names = "--json", description = "Print the API's JSON answer as it is.")
    boolean json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String base = api != null ? api : System.getenv().getOrDefault("VIGIL_API_URL", "http://127.0.0.1:8080");
        String apiKey = key != null ? key : System.getenv("VIGIL_API_KEY");
        if (apiKey == null || apiKey.isBlank()) {
            System.err.println("vigil ask: no API key: pass --key or set VIGIL_API_KEY (vigil up prints an admin key at first start)");
            return 2;
        }
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode body = mapper.createObjectNode().put("question", question);
        if ("*".equals(camera)) {
            body.put("cameras", "*");
        } else {
            body.putArray("cameras").add(camera);
        }
        if (last != null) {
            body.put("last", last);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + "/v1/ask"))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            System.err.println("vigil ask: no answer from " + base + " (" + e.getClass().getSimpleName()
                    + "); is vigil running? Start it with ./vigil up");
            return 1;
        }
        JsonNode answer = parse(mapper, response.body());
        if (response.statusCode() != 200) {
            System.err.println("vigil ask: " + response.statusCode() + " " + answer.path("error").asText("error") + ": "
                    + answer.path("detail").asText(response.body()));
            return 1;
        }
        if (json) {
            System.out.println(response.body());
        } else {
            print(answer, System.out);
        }
        return 0;
    }

    private static void print(JsonNode answer, PrintStream out) {
        out.println(answer.path("answer").asText());
        out.println();
        JsonNode events = answer.path("events");
        out.printf("events at relevance >= %s: %d%n", answer.path("threshold").asText("?"), events.size());
        for (JsonNode e : events) {
            int moments = e.path("moments").asInt();
            out.printf("  %-16s %s – %s  p %.2f  %d %s  %s%n", e.path("camera").asText(), e.path("start").asText(),
                    e.path("end").asText().replaceFirst("^.*T", ""), e.path("probability").asDouble(),
                    moments, moments == 1 ? "moment" : "moments", e.path("peak").path("keyframeUrl").asText(""));
        }
        out.printf("context: %d moments, %d of %d visual tokens, model %s, %s%n", answer.path("evidence").size(),
                answer.path("tokens").path("selected").asInt(), answer.path("tokens").path("available").asInt(),
                answer.path("model").asText("?"),
                answer.path("llm").isNull() || answer.path("llm").asText().isEmpty() || answer.path("llm").asText().equals("none")
                        ? "answered by the evidence alone (no LLM)" : "answered by " + answer.path("llm").asText());
    }

    private static JsonNode parse(ObjectMapper mapper, String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            return mapper.createObjectNode().put("detail", text);
        }
    }
}
