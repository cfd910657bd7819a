package dev.vigil.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/**
 * The API and LLM options {@code vigil up} and {@code vigil api} share. Each is also a configuration key (and a
 * {@code VIGIL_} variable); the flag wins. The TLS password and the LLM's key are deliberately not flags (they
 * would show in the process list): {@code VIGIL_API_TLS_PASSWORD} and {@code VIGIL_LLM_API_KEY}.
 */
final class ApiOptions {
    @Option(names = "--bind", description = "Address the API listens on (default 127.0.0.1; 0.0.0.0 in a container;"
            + " env VIGIL_API_BIND).")
    String bind;

    @Option(names = "--tls-keystore", description = "PKCS#12 or JKS keystore: serve HTTPS (password from"
            + " VIGIL_API_TLS_PASSWORD; env VIGIL_API_TLS_KEYSTORE).")
    Path tlsKeystore;

    @Option(names = "--llm-url", description = "OpenAI-compatible API base that writes answers, e.g."
            + " http://127.0.0.1:8000/v1 (key from VIGIL_LLM_API_KEY; env VIGIL_LLM_URL). Default: evidence-only answers.")
    String llmUrl;

    @Option(names = "--llm-model", description = "Model name the LLM server serves (env VIGIL_LLM_MODEL).")
    String llmModel;

    /** Adds the given options to {@code flags} under their configuration keys. */
    void putInto(Map<String, String> flags) {
        flags.put("api.bind", bind);
        flags.put("api.tls.keystore", tlsKeystore == null ? null : tlsKeystore.toString());
        flags.put("llm.url", llmUrl);
        flags.put("llm.model", llmModel);
    }
}
