// Drives vigil's OpenAI-compatible API with the official SDK: models.list, models.retrieve, a chat completion and a
// streamed one with include_usage. Usage: node sdk-check.mjs BASE_URL API_KEY MODEL. Prints one JSON document of
// what the SDK returned; a failing SDK call exits non-zero with the SDK's error (status, message, type, code).
import OpenAI from "openai";

const [baseURL, apiKey, model] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 60_000 });

try {
  const list = [];
  for await (const m of client.models.list()) list.push(m.id);
  const retrieved = await client.models.retrieve(model);
  const completion = await client.chat.completions.create({
    model, messages: [{ role: "user", content: "a car" }],
  });
  const stream = await client.chat.completions.create({
    model, stream: true, stream_options: { include_usage: true },
    messages: [{ role: "user", content: "a car" }],
  });
  let streamedText = "";
  let streamedUsage = null;
  for await (const chunk of stream) {
    for (const c of chunk.choices) streamedText += c.delta?.content ?? "";
    if (chunk.usage) streamedUsage = chunk.usage;
  }
  let missing = null;
  try {
    await client.models.retrieve("no-such-camera-for-the-sdk");
  } catch (e) {
    missing = { status: e.status, message: e.error?.message ?? e.message, type: e.error?.type, code: e.error?.code };
  }
  console.log(JSON.stringify({
    list, retrieved: retrieved.id,
    completion: { text: completion.choices[0].message.content, usage: completion.usage },
    streamed: { text: streamedText, usage: streamedUsage },
    missing,
  }));
} catch (e) {
  console.error(JSON.stringify({ failed: String(e), status: e.status, error: e.error }));
  process.exit(1);
}
