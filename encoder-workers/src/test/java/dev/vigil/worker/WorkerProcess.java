package dev.vigil.worker;

import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * An encoder worker as its own OS process, so a test can kill it with SIGKILL mid-transaction.
 * Arguments: bootstrap servers, registry URL, bundle folder, worker id, group id.
 */
public final class WorkerProcess {
    private WorkerProcess() {
    }

    public static void main(String[] args) {
        ModelBundle model = WorkerFixture.load(Path.of(args[2]));
        ClipEncoder encoder = new ClipEncoder(model, 64);
        WorkerConfig config = new WorkerConfig(args[3], args[4], 8, Duration.ofMillis(50), 1, 10_000, 2, 64);
        EncoderWorker worker = new EncoderWorker(config, Map.of("bootstrap.servers", args[0]),
                new SchemaRegistryClient(RegistrySettings.of(args[1])), encoder, new SimpleMeterRegistry(), Clock.systemUTC());
        System.out.println("worker process ready");
        System.out.flush();
        worker.run();
    }
}
