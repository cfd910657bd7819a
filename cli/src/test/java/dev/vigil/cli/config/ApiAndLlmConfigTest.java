package dev.vigil.cli.config;

import dev.vigil.api.llm.LlmSettings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiAndLlmConfigTest {

    private static ConfigSource env(Map<String, String> env) {
        return ConfigSource.load(Optional.empty(), env);
    }

    @Test
    void theApiListensOnLoopbackByDefaultAndAdvertisesWhatItBinds() {
        ApiConfig defaults = ApiConfig.from(env(Map.of()));
        assertThat(defaults.bind()).isEqualTo("127.0.0.1");
        assertThat(defaults.advertised()).isEqualTo("127.0.0.1");
        assertThat(defaults.port()).isEqualTo(8080);
        assertThat(defaults.tls()).isEmpty();
        assertThat(defaults.settings().host()).isEqualTo("127.0.0.1");
        assertThat(defaults.localUrl()).isEqualTo("http://127.0.0.1:8080");

        ApiConfig container = ApiConfig.from(env(Map.of("VIGIL_API_BIND", "0.0.0.0", "VIGIL_API_PORT", "9090")));
        assertThat(container.settings().host()).isEqualTo("0.0.0.0");
        assertThat(container.advertised()).as("a wildcard is not an address to reach").isEqualTo("127.0.0.1");
        assertThat(container.localUrl()).isEqualTo("http://127.0.0.1:9090");

        ApiConfig compose = ApiConfig.from(env(Map.of("VIGIL_API_BIND", "0.0.0.0", "VIGIL_API_HOST", "query-api",
                "VIGIL_API_INSTANCE_TOKEN", "s3cret")));
        assertThat(compose.advertised()).isEqualTo("query-api");
        assertThat(compose.instanceToken()).contains("s3cret");
    }

    @Test
    void watchCapsAndCameraMetricsAreSettingsCheckedAtStart() {
        ApiConfig defaults = ApiConfig.from(env(Map.of()));
        assertThat(defaults.settings().maxWatches()).isEqualTo(1_000);
        assertThat(defaults.settings().maxWatchesPerKey()).isEqualTo(100);
        assertThat(defaults.settings().publicCameraMetrics()).isFalse();
        ApiConfig set = ApiConfig.from(env(Map.of("VIGIL_API_WATCHES_PER_KEY", "5", "VIGIL_API_METRICS_CAMERAS_PUBLIC", "TRUE")));
        assertThat(set.settings().maxWatchesPerKey()).isEqualTo(5);
        assertThat(set.settings().publicCameraMetrics()).isTrue();
        assertThatThrownBy(() -> ApiConfig.from(env(Map.of("VIGIL_API_WATCHES_PER_KEY", "50", "VIGIL_API_WATCHES_MAX", "10"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("api.watches.per.key").hasMessageContaining("api.watches.max");
        assertThatThrownBy(() -> ApiConfig.from(env(Map.of("VIGIL_API_METRICS_CAMERAS_PUBLIC", "yes"))))
                .hasMessageContaining("VIGIL_API_METRICS_CAMERAS_PUBLIC").hasMessageContaining("true or false");
    }

    @Test
    void theKeysCommandNeedsAnHttpUrlAndAKeyAndNeverPrintsTheKey() {
        ApiClientConfig ok = ApiClientConfig.from(env(Map.of("VIGIL_API_KEY", "vgl_abc_secret", "VIGIL_API_URL", "http://10.0.0.1:8080/")));
        assertThat(ok.resolve("/v1/keys").toString()).isEqualTo("http://10.0.0.1:8080/v1/keys");
        assertThat(ok.toString()).doesNotContain("secret");
        assertThat(ApiClientConfig.from(env(Map.of("VIGIL_API_KEY", "k"))).url().toString()).isEqualTo("http://127.0.0.1:8080");
        assertThatThrownBy(() -> ApiClientConfig.from(env(Map.of()))).hasMessageContaining("VIGIL_API_KEY");
        assertThatThrownBy(() -> ApiClientConfig.from(env(Map.of("VIGIL_API_KEY", "k", "VIGIL_API_URL", "ftp://x"))))
                .hasMessageContaining("VIGIL_API_URL").hasMessageContaining("http(s)");
    }

    @Test
    void tlsNeedsAKeystoreThatOpensAndSaysWhichKeyIsWrong() {
        assertThatThrownBy(() -> ApiConfig.from(env(Map.of("VIGIL_API_TLS_KEYSTORE", "/nonexistent/vigil.p12",
                "VIGIL_API_TLS_PASSWORD", "x"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("api.tls.keystore").hasMessageContaining("VIGIL_API_TLS_KEYSTORE")
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ApiConfig.from(env(Map.of("VIGIL_API_TLS_PASSWORD", "x"))))
                .hasMessageContaining("no keystore");
    }

    @Test
    void noLlmUrlMeansNoExternalLlmAndBlankCountsAsUnset() {
        assertThat(LlmConfig.from(env(Map.of())).external()).isEmpty();
        assertThat(LlmConfig.from(env(Map.of("VIGIL_LLM_URL", "", "VIGIL_LLM_MODEL", " "))).external()).isEmpty();
    }

    @Test
    void theBuiltInAnswerModelIsOnUnlessTurnedOff() {
        assertThat(LlmConfig.from(env(Map.of())).builtIn()).isTrue();
        assertThat(LlmConfig.from(env(Map.of("VIGIL_LLM_BUILTIN", ""))).builtIn()).as("blank is unset").isTrue();
        assertThat(LlmConfig.from(env(Map.of("VIGIL_LLM_BUILTIN", "FALSE"))).builtIn()).isFalse();
        assertThat(LlmConfig.from(env(Map.of("VIGIL_LLM_BUILTIN", "false"))).describe(Optional.empty()))
                .contains("evidence only").contains("llm.builtin=false");
        assertThat(LlmConfig.from(env(Map.of())).describe(Optional.empty()))
                .contains("evidence only").contains("no built-in answer model");
        assertThatThrownBy(() -> LlmConfig.from(env(Map.of("VIGIL_LLM_BUILTIN", "off"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("llm.builtin")
                .hasMessageContaining("VIGIL_LLM_BUILTIN").hasMessageContaining("must be true or false, got 'off'");
    }

    @Test
    void anLlmFromTheEnvironmentWithItsKey() {
        LlmSettings llm = LlmConfig.from(env(Map.of("VIGIL_LLM_URL", "http://127.0.0.1:8000/v1/",
                "VIGIL_LLM_MODEL", "qwen2-vl", "VIGIL_LLM_API_KEY", "sk-test", "VIGIL_LLM_TIMEOUT", "30s",
                "VIGIL_LLM_ATTEMPTS", "2"))).external().orElseThrow();

        assertThat(llm.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8000/v1"));
        assertThat(llm.chatCompletions()).isEqualTo(URI.create("http://127.0.0.1:8000/v1/chat/completions"));
        assertThat(llm.model()).isEqualTo("qwen2-vl");
        assertThat(llm.apiKey()).contains("sk-test");
        assertThat(llm.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(llm.attempts()).isEqualTo(2);
    }

    @Test
    void flagsBeatTheEnvironment() {
        ConfigSource source = env(Map.of("VIGIL_LLM_URL", "http://a:1/v1", "VIGIL_LLM_MODEL", "m"))
                .withFlags(Map.of("llm.url", "http://b:2/v1"));
        assertThat(LlmConfig.from(source).external().orElseThrow().baseUrl()).isEqualTo(URI.create("http://b:2/v1"));
    }

    @Test
    void aHalfGivenOrBadLlmSettingNamesTheKeyToFix() {
        assertThatThrownBy(() -> LlmConfig.from(env(Map.of("VIGIL_LLM_URL", "http://127.0.0.1:8000/v1"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("llm.model").hasMessageContaining("VIGIL_LLM_MODEL");
        assertThatThrownBy(() -> LlmConfig.from(env(Map.of("VIGIL_LLM_MODEL", "m"))))
                .hasMessageContaining("llm.url");
        assertThatThrownBy(() -> LlmConfig.from(env(Map.of("VIGIL_LLM_URL", "ftp://x/v1", "VIGIL_LLM_MODEL", "m"))))
                .hasMessageContaining("llm.url").hasMessageContaining("http");
        assertThatThrownBy(() -> LlmConfig.from(env(Map.of("VIGIL_LLM_URL", "http://x/v1", "VIGIL_LLM_MODEL", "m",
                "VIGIL_LLM_TIMEOUT", "soon"))))
                .hasMessageContaining("llm.timeout").hasMessageContaining("soon");
    }
}
