package dev.vigil.api.chat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * An OpenAI chat completions request. {@code model} names a camera, or {@code *} (also {@code vigil}) for every
 * camera the key may see. Other OpenAI fields are accepted and ignored.
 */
public record ChatRequest(String model, List<Message> messages, Boolean stream,
                          @JsonProperty("stream_options") StreamOptions streamOptions) {
    /** OpenAI's {@code stream_options}: {@code include_usage} asks for a last chunk with the usage. */
    public record StreamOptions(@JsonProperty("include_usage") Boolean includeUsage) {
    }

    /** One message; {@code content} is a string or an array of parts (only text parts are read). */
    public record Message(String role, JsonNode content) {
        String text() {
            if (content == null || content.isNull()) {
                return "";
            }
            if (content.isTextual()) {
                return content.asText();
            }
            StringBuilder s = new StringBuilder();
            content.forEach(part -> {
                if ("text".equals(part.path("type").asText())) {
                    s.append(part.path("text").asText());
                }
            });
            return s.toString();
        }
    }
}
