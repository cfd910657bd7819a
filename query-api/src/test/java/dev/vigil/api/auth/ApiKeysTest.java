package dev.vigil.api.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeysTest {
    @TempDir
    Path dir;

    @Test
    void storesOnlyHashesAndAuthenticatesAfterReload() throws Exception {
        Path file = dir.resolve("api-keys.json");
        IssuedKey admin = new ApiKeys(file, Clock.systemUTC()).generateAdmin("first admin");
        assertThat(admin.plaintext()).startsWith("vgl_" + admin.key().id() + "_").hasSizeGreaterThan(50);
        assertThat(Files.readString(file)).doesNotContain(admin.plaintext().substring(admin.plaintext().lastIndexOf('_') + 1))
                .contains(admin.key().sha256());
        assertThat(admin.toString()).doesNotContain(admin.plaintext());
        ApiKeys reloaded = new ApiKeys(file, Clock.systemUTC());
        assertThat(reloaded.authenticate(admin.plaintext())).hasValue(admin.key());
        assertThat(reloaded.authenticate(admin.plaintext() + "x")).isEmpty();
        assertThat(reloaded.authenticate("Bearer nonsense")).isEmpty();
        assertThat(reloaded.revoke(admin.key().id())).isTrue();
        assertThat(new ApiKeys(file, Clock.systemUTC()).authenticate(admin.plaintext())).isEmpty();
    }

    @Test
    void accessByCameraIdAndByLabel() {
        ApiKeys keys = new ApiKeys(dir.resolve("k.json"), Clock.systemUTC());
        ApiKey byId = keys.create("a", Set.of(Scope.READ), List.of("cam-a"), Map.of()).key();
        ApiKey byLabel = keys.create("b", Set.of(Scope.READ), List.of(), Map.of("site", "north")).key();
        Map<String, Map<String, String>> labels = Map.of("cam-n", Map.of("site", "north"), "cam-s", Map.of("site", "south"));
        Access a = new Access(byId, id -> labels.getOrDefault(id, Map.of()));
        Access b = new Access(byLabel, id -> labels.getOrDefault(id, Map.of()));
        assertThat(a.canSee("cam-a")).isTrue();
        assertThat(a.canSee("cam-n")).isFalse();
        assertThat(b.canSee("cam-n")).isTrue();
        assertThat(b.canSee("cam-s")).isFalse();
        assertThatThrownBy(() -> a.require(Scope.ADMIN)).hasMessageContaining("lacks the 'admin' scope");
        assertThatThrownBy(() -> keys.create("none", Set.of(), List.of("*"), Map.of())).hasMessageContaining("scope");
    }
}
