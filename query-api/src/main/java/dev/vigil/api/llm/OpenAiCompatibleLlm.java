package dev.vigil.api.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * An OpenAI-compatible chat completions client on {@code java.net.http}: the prompt carries the question and
 * each selected moment as a timestamped caption followed by its keyframe as an {@code image_url} data URL (or,
 * and asks for an answer that cites times.
 *
 * <p>Requests that get no answer, 429 or 5xx are retried with doubling backoff; every failure names the endpoint.
 */
public final class OpenAiCompatibleLlm implements Llm {
    static final String SYSTEM = "You answer questions about live security-camera feeds. You are shown moments "
            + "from the cameras: each has its camera, its time span in UTC, its relevance (the vision model's probability "
            + "that it shows what the question describes) and its similarity to the question, followed by the camera's "
            + "keyframe for that moment; matching moments are also grouped into events with a start and an end. Answer "
            + "only from what the moments show, cite the "
            + "camera and time of every moment you rely on (for example: \"cam-1 at 12:00:04Z\"), and say plainly "
            + "when the moments do not show the answer (for example: \"not seen between … and …\").";

    private final LlmSettings settings;
    private final ObjectMapper json;
    private final HttpClient http;

    public OpenAiCompatibleLlm(LlmSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    }

    @Override
    public String describe() {
        return settings.describe();
    }

    @Override
    public LlmAnswer complete(LlmPrompt prompt) {
        HttpResponse<String> response = send(request(prompt, false), HttpResponse.BodyHandlers.ofString());
        try {
            JsonNode body = json.readTree(response.body());
            JsonNode text = body.path("choices").path(0).path("message").path("content");
            if (!text.isTextual()) {
                throw new LlmUnavailableException("LLM at " + settings.chatCompletions()
                        + " answered without choices[0].message.content", null);
            }
            return new LlmAnswer(text.asText(), body.path("model").asText(settings.model()),
                    body.path("usage").path("prompt_tokens").asInt(), body.path("usage").path("completion_tokens").asInt());
        } catch (IOException e) {
            throw new LlmUnavailableException("LLM at " + settings.chatCompletions() + " answered with invalid JSON: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void stream(LlmPrompt prompt, Consumer<String> data) {
        HttpResponse<Stream<String>> response = send(request(prompt, true), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (line.startsWith("data:")) {
                    data.accept(line.substring(5).trim());
                }
            }
        } catch (RuntimeException e) {
            throw new LlmUnavailableException("LLM stream from " + settings.chatCompletions() + " broke off: "
                    + e.getMessage(), e);
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        String last = "";
        Exception lastError = null;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            try {
                HttpResponse<T> response = http.send(request, handler);
                int status = response.statusCode();
                if (status == 200) {
                    return response;
                }
                last = "answered HTTP " + status + (response.body() instanceof String s ? ": " + snippet(s) : "");
                if (status != 429 && status < 500) {
                    break; // the request itself is wrong: asking again will not help
                }
            } catch (IOException e) {
                last = "did not answer (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
                lastError = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LlmUnavailableException("interrupted while asking the LLM at " + settings.chatCompletions(), e);
            }
            if (attempt < settings.attempts()) {
                sleep(250L << (attempt - 1));
            }
        }
        throw new LlmUnavailableException("LLM at " + settings.chatCompletions() + " " + last + " after "
                + settings.attempts() + " attempt(s)", lastError);
    }

    private HttpRequest request(LlmPrompt prompt, boolean stream) {
        ObjectNode body = json.createObjectNode();
        body.put("model", settings.model());
        body.put("stream", stream);
        body.put("max_tokens", settings.maxTokens());
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", SYSTEM);
        for (LlmPrompt.Turn turn : prompt.history()) {
            messages.addObject().put("role", turn.role()).put("content", turn.content());
        }
        ObjectNode user = messages.addObject().put("role", "user");
        ArrayNode content = user.putArray("content");
        StringBuilder intro = new StringBuilder("Question: ").append(prompt.question()).append('\n');
        for (LlmPrompt.CameraContext c : prompt.cameras()) {
            intro.append("Camera ").append(c.camera()).append(": ").append(c.frames()).append(" frames seen so far");
            if (!Double.isNaN(c.globalScore())) {
                intro.append(", overall scene similarity to the question ").append(score(c.globalScore()));
            }
            intro.append('\n');
        }
        if (prompt.events().isEmpty()) {
            intro.append("Not seen ").append(prompt.window()).append(": no stored moment reaches relevance ")
                    .append(score(prompt.threshold())).append(" (the model's probability that it shows what the question describes).\n");
        } else {
            intro.append("Matching events ").append(prompt.window()).append(" (relevance at least ")
                    .append(score(prompt.threshold())).append("):\n");
            for (LlmPrompt.PromptEvent e : prompt.events()) {
                intro.append("- camera ").append(e.camera()).append(", ").append(Instant.ofEpochMilli(e.start())).append(" to ")
                        .append(Instant.ofEpochMilli(e.end())).append(", relevance ").append(score(e.probability())).append('\n');
            }
        }
        intro.append(prompt.moments().isEmpty() ? "No stored moment lies in the requested time window."
                : prompt.moments().size() + " moments follow, in time order.");
        content.addObject().put("type", "text").put("text", intro.toString());
        int n = 1;
        for (LlmPrompt.PromptMoment m : prompt.moments()) {
            content.addObject().put("type", "text").put("text", "Moment " + n++ + ": camera " + m.camera() + ", "
                    + Instant.ofEpochMilli(m.start()) + " to " + Instant.ofEpochMilli(m.end()) + ", relevance "
                    + score(m.probability()) + ", similarity " + score(m.score()));
            if (m.keyframe() != null) {
                content.addObject().put("type", "image_url").putObject("image_url")
                        .put("url", "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(m.keyframe()));
            }
        }
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(settings.chatCompletions())
                    .timeout(settings.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("Accept", stream ? "text/event-stream" : "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            settings.apiKey().ifPresent(k -> b.header("Authorization", "Bearer " + k));
            return b.build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the LLM request", e);
        }
    }

    private static String score(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }

    private static String snippet(String s) {
        String flat = s.replaceAll("\\s+", " ").trim();
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
