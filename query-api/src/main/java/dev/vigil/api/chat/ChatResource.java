package dev.vigil.api.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.vigil.api.ApiException;
import dev.vigil.api.ApiSettings;
import dev.vigil.api.JsonBody;
import dev.vigil.api.TimeWindow;
import dev.vigil.api.ask.AskResponse;
import dev.vigil.api.ask.EventGrouping;
import dev.vigil.api.ask.CameraChoice;
import dev.vigil.api.ask.QuestionAnswering;
import dev.vigil.api.auth.Access;
import dev.vigil.api.auth.Authentication;
import dev.vigil.api.llm.LlmPrompt;
import dev.vigil.schema.CameraConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code POST /v1/chat/completions} in the OpenAI format, so any OpenAI-compatible chat client can talk to the
 * cameras ({@code model} = a camera id or {@code *}), and {@code GET /v1/models} listing them. The last user
 * message is the question; earlier turns go to the LLM as history. With {@code stream: true} the LLM's chunks
 * pass through as SSE; with no LLM the evidence-only answer is sent as one chunk.
 */
public final class ChatResource {
    private final QuestionAnswering answering;
    private final CameraChoice cameras;
    private final Supplier<Map<String, CameraConfig>> directory;
    private final JsonBody body;
    private final ObjectMapper json;
    private final ApiSettings settings;
    private final Clock clock;

    public ChatResource(QuestionAnswering answering, CameraChoice cameras, Supplier<Map<String, CameraConfig>> directory,
                        JsonBody body, ObjectMapper json, ApiSettings settings, Clock clock) {
        this.answering = answering;
        this.cameras = cameras;
        this.directory = directory;
        this.body = body;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
    }

    /** {@code GET /v1/models}: {@code *} and every camera the key may see. */
    public void models(Context ctx) {
        Access access = Authentication.of(ctx);
        List<Map<String, Object>> data = new ArrayList<>();
        data.add(model("*"));
        directory.get().keySet().stream().sorted().filter(access::canSee).forEach(id -> data.add(model(id)));
        ctx.json(Map.of("object", "list", "data", data));
    }

    /**
     * {@code GET /v1/models/{id}}: one model (a camera, or {@code *}); a camera the key may not see is as unknown
     * as one that does not exist, so the answer never tells which cameras exist.
     */
    public void model(Context ctx) {
        Access access = Authentication.of(ctx);
        String id = ctx.pathParam("id");
        if (!id.equals("*") && !(directory.get().containsKey(id) && access.canSee(id))) {
            throw ApiException.notFound("model not found", "there is no model '" + ApiException.echo(id)
                    + "': models are the camera ids this key may see, and * for all of them (GET /v1/models)");
        }
        ctx.json(model(id));
    }

    private Map<String, Object> model(String id) {
        return Map.of("id", id, "object", "model", "created", 0, "owned_by", "vigil");
    }

    /** {@code POST /v1/chat/completions}. */
    public void complete(Context ctx) throws IOException {
        Access access = Authentication.of(ctx);
        ChatRequest r = body.read(ctx, ChatRequest.class);
        if (r.messages() == null || r.messages().isEmpty()) {
            throw ApiException.badRequest("messages must hold at least one user message");
        }
        ChatRequest.Message last = r.messages().get(r.messages().size() - 1);
        String question = last.text().strip();
        if (!"user".equals(last.role()) || question.isEmpty()) {
            throw ApiException.badRequest("the last message must be a non-empty user message (the question)");
        }
        if (question.length() > settings.maxQuestion()) {
            throw ApiException.badRequest("the question is " + question.length() + " characters; at most "
                    + settings.maxQuestion() + " are accepted");
        }
        String model = r.model() == null || r.model().isBlank() || r.model().equals("vigil") ? "*" : r.model();
        Set<String> chosen = cameras.resolve(TextNode.valueOf(model), access);
        List<LlmPrompt.Turn> history = new ArrayList<>();
        for (ChatRequest.Message m : r.messages().subList(0, r.messages().size() - 1)) {
            if (List.of("user", "assistant").contains(m.role())) {
                history.add(new LlmPrompt.Turn(m.role(), m.text()));
            }
        }
        var prepared = answering.prepare(question, history, chosen, TimeWindow.ALL, settings.defaultBudget(),
                EventGrouping.DEFAULT_THRESHOLD, access::canSee);
        String id = "chatcmpl-" + UUID.randomUUID();
        long created = clock.millis() / 1000;
        ObjectNode usage = json.createObjectNode().put("prompt_tokens", prepared.chosen().selected())
                .put("completion_tokens", 0).put("total_tokens", prepared.chosen().selected());
        if (Boolean.TRUE.equals(r.stream())) {
            ctx.status(200).contentType("text/event-stream").header("Cache-Control", "no-cache");
            OutputStream out = ctx.res().getOutputStream();
            boolean includeUsage = r.streamOptions() != null && Boolean.TRUE.equals(r.streamOptions().includeUsage());
            if (answering.hasLlm()) {
                // The LLM's chunks pass through as sent; with include_usage, a usage chunk goes before [DONE]
                // unless the LLM sent its own.
                boolean[] usageSent = {false};
                answering.stream(prepared, data -> {
                    if (data.strip().equals("[DONE]")) {
                        if (includeUsage && !usageSent[0]) {
                            write(out, usageChunk(id, created, model, usage));
                        }
                        write(out, data);
                        return;
                    }
                    usageSent[0] |= includeUsage && carriesUsage(data);
                    write(out, data);
                });
            } else {
                write(out, chunk(id, created, model, Map.of("role", "assistant", "content", answering.evidenceOnly(prepared)), null));
                write(out, chunk(id, created, model, Map.of(), "stop"));
                if (includeUsage) {
                    write(out, usageChunk(id, created, model, usage));
                }
                write(out, "[DONE]");
            }
            out.flush();
            return;
        }
        AskResponse answer = answering.answer(prepared);
        ObjectNode response = json.createObjectNode();
        response.put("id", id).put("object", "chat.completion").put("created", created).put("model", model);
        ObjectNode choice = response.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", answer.answer());
        response.set("usage", usage);
        response.set("vigil", json.valueToTree(Map.of("events", answer.events(), "evidence", answer.evidence(),
                "llm", answer.llm())));
        ctx.json(response);
    }

    /** Whether an LLM's chunk (OpenAI chunk JSON) reports usage itself. */
    private boolean carriesUsage(String chunk) {
        try {
            return json.readTree(chunk).path("usage").isObject();
        } catch (IOException e) {
            return false; // not JSON: passed through as it is, and vigil adds its own usage chunk
        }
    }

    /** OpenAI's last chunk with {@code stream_options.include_usage}: no choices, the usage. */
    private String usageChunk(String id, long created, String model, ObjectNode usage) {
        ObjectNode c = json.createObjectNode();
        c.put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model);
        c.putArray("choices");
        c.set("usage", usage);
        return c.toString();
    }

    private String chunk(String id, long created, String model, Map<String, String> delta, String finish) {
        ObjectNode c = json.createObjectNode();
        c.put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model);
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", json.valueToTree(delta));
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return c.toString();
    }

    private static void write(OutputStream out, String data) {
        try {
            out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the chat client went away", e);
        }
    }
}
