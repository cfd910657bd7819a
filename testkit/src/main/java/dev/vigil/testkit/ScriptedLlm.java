package dev.vigil.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A scripted OpenAI-compatible chat server in a separate process ({@code python3 scripted-llm.py}, standard library
 * only), for tests of vigil's outbound LLM client: a real server on loopback that answers chat completions
 * (plain and streamed) naming the model and the question, logs every request, and can fail its first requests with
 * a given status or answer slowly.
 */
public final class ScriptedLlm implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path requests;

    private ScriptedLlm(Process process, int port, Path requests) {
        this.process = process;
        this.port = port;
        this.requests = requests;
    }

    /** A server that answers every request at once. */
    public static ScriptedLlm start(Path dir) {
        return start(dir, 0, 503, Duration.ZERO);
    }

    /**
     * @param dir        where the script, its port file, request log and output go
     * @param failures   how many chat requests fail first
     * @param failStatus the status they fail with (503, 429, ...)
     * @param delay      how long each chat answer waits
     */
    public static ScriptedLlm start(Path dir, int failures, int failStatus, Duration delay) {
        try {
            Files.createDirectories(dir);
            Path script = dir.resolve("scripted-llm.py");
            try (InputStream in = ScriptedLlm.class.getResourceAsStream("scripted-llm.py")) {
                Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Path portFile = dir.resolve("scripted-llm.port");
            Path requests = dir.resolve("scripted-llm-requests.jsonl");
            Files.deleteIfExists(portFile);
            Files.deleteIfExists(requests);
            Process process = new ProcessBuilder("python3", script.toString(), portFile.toString(), requests.toString(),
                    Integer.toString(failures), Integer.toString(failStatus), Double.toString(delay.toMillis() / 1000.0))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("scripted-llm.log").toFile()).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!Files.exists(portFile)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("the scripted LLM server did not start: "
                            + Files.readString(dir.resolve("scripted-llm.log")));
                }
                Thread.sleep(50);
            }
            return new ScriptedLlm(process, Integer.parseInt(Files.readString(portFile).trim()), requests);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The API base, as vigil's {@code --llm-url} takes it: {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    /** Every request so far, one JSON document each: {@code method}, {@code path}, {@code authorization}, {@code body}. */
    public List<String> requests() {
        try {
            return Files.exists(requests) ? Files.readAllLines(requests) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
