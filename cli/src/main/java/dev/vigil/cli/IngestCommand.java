package dev.vigil.cli;

import dev.vigil.ingest.CameraSources;
import dev.vigil.ingest.RedactedUrl;
import dev.vigil.schema.DurationText;
import dev.vigil.ingest.camera.IngestNode;
import dev.vigil.ingest.camera.IngestSettings;
import dev.vigil.ingest.ffmpeg.Pacing;
import dev.vigil.schema.cameras.CameraDefinitions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code vigil ingest}: camera ingest alone, against a Kafka cluster and schema registry that run elsewhere.
 * Cameras given with {@code --camera} are written to {@code vigil.cameras} first; then this instance joins
 * the ingest consumer group and runs its share of all defined cameras until Ctrl-C.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Run camera ingest alone against a given Kafka and schema registry.")
final class IngestCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(IngestCommand.class);

    @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String kafka;

    @Option(names = "--registry", required = true, paramLabel = "URL",
            description = "Schema registry (Confluent-compatible API), e.g. http://127.0.0.1:8081.")
    String registry;

    @Option(names = "--camera", paramLabel = "ID=URL",
            description = "Define (or redefine) a camera before starting; repeatable.")
    Map<String, String> cameras = new LinkedHashMap<>();

    @Option(names = "--realtime", description = "Play files at their own rate (default: as fast as the pipeline takes them).")
    boolean realtime;

    @Option(names = "--group", paramLabel = "ID", description = "Consumer group of ingest instances (default: "
            + IngestSettings.DEFAULT_GROUP + ").")
    String group = IngestSettings.DEFAULT_GROUP;

    @Option(names = "--stall-after", paramLabel = "DURATION", description = "Frame watchdog: a connected stream "
            + "without a frame for this long is STALLED and reopened (default: 5s; at least 500ms).")
    String stallAfter = "5s";

    @Override
    public Integer call() {
        Clock clock = Clock.systemUTC();
        IngestSettings settings;
        CameraSources sources;
        try {
            settings = IngestSettings.of(kafka, registry).withGroup(group);
            sources = CameraSources.standard(clock).withStallAfter(DurationText.parse("--stall-after", stallAfter))
                    .withFilePacing(realtime ? Pacing.REALTIME : Pacing.AS_FAST_AS_CONSUMED);
        } catch (IllegalArgumentException e) {
            System.err.println("vigil ingest: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        IngestNode node;
        try {
            if (!cameras.isEmpty()) {
                try (CameraDefinitions admin = CameraDefinitions.connect(settings.clientConfig(), settings.registry(), clock)) {
                    cameras.forEach(admin::put);
                }
                cameras.forEach((id, url) -> System.out.println("camera " + id + ": " + new RedactedUrl(url)));
            }
            node = IngestNode.start(settings, sources, new SimpleMeterRegistry(), clock);
        } catch (RuntimeException e) {
            log.debug("start failed", e);
            System.err.println("vigil ingest failed: " + RedactedUrl.redact(String.valueOf(e.getMessage())));
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("vigil ingest: stopping…");
            node.close();
            stopped.countDown();
        }, "vigil-ingest-shutdown"));
        try {
            boolean ready = node.awaitReady(Duration.ofSeconds(60));
            System.out.println(ready ? "vigil ingest ready: group " + group + ", " + node.cameras().size()
                    + " camera(s) on this instance" : "vigil ingest: still waiting for a share of vigil.cameras");
            System.out.flush();
            IngestProgress progress = new IngestProgress(node, System.out);
            while (!stopped.await(2, java.util.concurrent.TimeUnit.SECONDS)) { // until Ctrl-C
                progress.report();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
