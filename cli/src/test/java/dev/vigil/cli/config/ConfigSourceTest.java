package dev.vigil.cli.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigSourceTest {
    @TempDir
    Path dir;

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("vigil.properties"), "api.port=7000\ndata.dir=/srv/vigil\nkafka.port=9092\n");
        ConfigSource source = ConfigSource.load(Optional.of(file), Map.of("VIGIL_API_PORT", "7100", "HOME", "/root"));
        Map<String, String> flags = new HashMap<>();
        flags.put("kafka.port", "9999");
        flags.put("registry.port", null);

        UpConfig config = UpConfig.from(source.withFlags(flags));

        assertThat(ApiConfig.from(source.withFlags(flags)).port()).isEqualTo(7100);
        assertThat(config.kafkaPort()).isEqualTo(9999);
        assertThat(config.registryPort()).isZero();
        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/vigil"));
    }

    @Test
    void aBadValueNamesTheKeyAndWhereItCameFrom() {
        ConfigSource source = ConfigSource.load(Optional.empty(), Map.of("VIGIL_API_PORT", "eighty"));

        assertThatThrownBy(() -> ApiConfig.from(source))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("api.port").hasMessageContaining("VIGIL_API_PORT").hasMessageContaining("eighty");
    }

    @Test
    void anOutOfRangeValueSaysTheRange() {
        ConfigSource source = ConfigSource.load(Optional.empty(), Map.of()).withFlags(Map.of("api.port", "70000"));

        assertThatThrownBy(() -> ApiConfig.from(source)).hasMessageContaining("between 1 and 65535");
    }

    @Test
    void aMissingConfigFileIsAnError() {
        assertThatThrownBy(() -> ConfigSource.load(Optional.of(dir.resolve("nope.properties")), Map.of()))
                .hasMessageContaining("nope.properties").hasMessageContaining("does not exist");
    }
}
