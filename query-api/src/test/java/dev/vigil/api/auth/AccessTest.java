package dev.vigil.api.auth;

import dev.vigil.api.ApiException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

/** What a key may see and manage, decided from the key record and the cameras' labels alone. */
class AccessTest {
    private static final Map<String, Map<String, String>> LABELS = Map.of("cam-n", Map.of("site", "north"),
            "cam-s", Map.of("site", "south"));

    private static Access access(List<String> cameras, Map<String, String> labels, Scope... scopes) {
        ApiKey key = new ApiKey("k1", "test", "00", Set.of(scopes), cameras, labels, 0, null);
        return new Access(key, id -> LABELS.getOrDefault(id, Map.of()));
    }

    @Test
    void accessByCameraIdAndByLabel() {
        Access a = access(List.of("cam-a"), Map.of(), Scope.READ);
        Access b = access(List.of(), Map.of("site", "north"), Scope.READ);
        assertThat(a.canSee("cam-a")).isTrue();
        assertThat(a.canSee("cam-n")).isFalse();
        assertThat(b.canSee("cam-n")).isTrue();
        assertThat(b.canSee("cam-s")).isFalse();
        assertThatThrownBy(() -> a.require(Scope.ADMIN)).hasMessageContaining("lacks the 'admin' scope");
    }

    @Test
    void aScopedAdminManagesOnlyCamerasItSeesBeforeAndAfterTheChange() {
        Access admin = access(List.of("cam-a"), Map.of(), Scope.ADMIN);
        assertThatCode(() -> admin.requireManage("cam-a", Optional.of(Map.of()), Optional.of(Map.of("x", "1"))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> admin.requireManage("cam-b", Optional.empty(), Optional.of(Map.of())))
                .isInstanceOf(ApiException.class).hasMessageContaining("may not manage camera 'cam-b'");
        assertThatThrownBy(() -> admin.requireManage("cam-n", Optional.of(Map.of("site", "north")), Optional.empty()))
                .hasMessageContaining("cam-n");

        Access north = access(List.of(), Map.of("site", "north"), Scope.ADMIN);
        assertThatCode(() -> north.requireManage("cam-new", Optional.empty(), Optional.of(Map.of("site", "north"))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> north.requireManage("cam-n", Optional.of(Map.of("site", "north")),
                Optional.of(Map.of("site", "south")))).as("moving a camera out of its own sight").hasMessageContaining("cam-n");
        assertThatThrownBy(() -> north.requireManage("cam-s", Optional.of(Map.of("site", "south")),
                Optional.of(Map.of("site", "north")))).as("taking over a camera it does not see").hasMessageContaining("cam-s");
        assertThat(((ApiException) catchThrow(() -> north.requireManage("cam-s", Optional.of(Map.of()), Optional.empty()))).status())
                .isEqualTo(403);
    }

    @Test
    void expiryIsInclusiveOfItsInstantAndAbsentMeansNever() {
        ApiKey expiring = new ApiKey("k2", "t", "00", Set.of(Scope.READ), List.of("*"), Map.of(), 0, 1_000L);
        assertThat(expiring.expired(Instant.ofEpochMilli(999))).isFalse();
        assertThat(expiring.expired(Instant.ofEpochMilli(1_000))).isTrue();
        assertThat(new ApiKey("k3", "t", "00", Set.of(Scope.READ), List.of("*"), Map.of(), 0, null)
                .expired(Instant.MAX)).isFalse();
        assertThat(expiring.prefix()).isEqualTo("vgl_k2_");
    }

    @Test
    void scopesAreNamedInLowerCaseAndUnknownOnesListTheKnown() {
        assertThat(Scope.of("admin")).isEqualTo(Scope.ADMIN);
        assertThatThrownBy(() -> Scope.of("ADMIN")).hasMessageContaining("read, ask or admin");
        assertThatThrownBy(() -> Scope.of("root")).hasMessageContaining("'root'");
    }

    private static Throwable catchThrow(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected an exception");
    }
}
