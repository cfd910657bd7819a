package dev.vigil.api.llm;

/**
 * A model's answer.
 *
 * @param text             the answer
 * @param model            the model that answered, as the server named it
 * @param promptTokens     prompt tokens the server counted (0 if not reported)
 * @param completionTokens completion tokens the server counted (0 if not reported)
 */
public record LlmAnswer(String text, String model, int promptTokens, int completionTokens) {
}
