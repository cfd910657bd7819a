package dev.vigil.cluster;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Apache Kafka (KRaft, broker and controller in one process) from the Kafka jars on
 * vigil's own class path, in a child JVM, on loopback.
 *
 * <p>The data folder holds everything: the formatted log directories, the server properties, the broker's
 * log file and the ports, which are chosen once and reused so that a restart on the same folder finds the
 * controller quorum where it left it and keeps every committed record.
 */
public final class LocalKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);
    private static final String STATE_FILE = "local-kafka.properties";

    private final Path dataDir;
    private final int brokerPort;
    private final ChildJvm process;

    private LocalKafka(Path dataDir, int brokerPort, ChildJvm process) {
        this.dataDir = dataDir;
        this.brokerPort = brokerPort;
        this.process = process;
    }

    /** Starts (formatting on first use) a broker whose data lives in {@code dataDir}, on remembered or free ports. */
    public static LocalKafka start(Path dataDir, Duration readyTimeout) {
        return start(dataDir, 0, readyTimeout);
    }

    /**
     * Starts a broker whose data lives in {@code dataDir}.
     *
     * @param brokerPort the client port, or 0 for the port this folder used last time (a free one the first time)
     */
    public static LocalKafka start(Path dataDir, int brokerPort, Duration readyTimeout) {
        try {
            Files.createDirectories(dataDir);
            Path dir = dataDir.toAbsolutePath();
            Properties state = loadState(dir);
            int broker = brokerPort != 0 ? brokerPort : Integer.parseInt(state.getProperty("broker.port", "0"));
            int controller = Integer.parseInt(state.getProperty("controller.port", "0"));
            if (broker == 0) {
                broker = FreePorts.pick();
            }
            if (controller == 0 || controller == broker) {
                controller = FreePorts.pick();
            }
            for (int port : new int[]{broker, controller}) {
                if (FreePorts.inUse(port)) {
                    throw new IllegalStateException("port " + port + " on 127.0.0.1 is in use; is another broker running on "
                            + dir + "? Stop it, or start with another data folder.");
                }
            }
            String clusterId = state.getProperty("cluster.id", Uuid.randomUuid().toString());
            state.setProperty("broker.port", Integer.toString(broker));
            state.setProperty("controller.port", Integer.toString(controller));
            state.setProperty("cluster.id", clusterId);
            saveState(dir, state);

            Path config = writeServerProperties(dir, broker, controller);
            Path logConfig = writeLogConfig(dir);
            List<String> classPath = Arrays.asList(System.getProperty("java.class.path").split(java.io.File.pathSeparator));
            List<String> jvm = List.of("-Xms128m", "-Xmx768m", "-XX:+UseParallelGC",
                    "-Dlogback.configurationFile=" + logConfig, "-Dlog4j2.configurationFile=" + logConfig);
            Path brokerLog = dir.resolve("logs").resolve("kafka.log");

            if (!Files.exists(dir.resolve("kraft").resolve("meta.properties"))) {
                ChildJvm format = ChildJvm.start("kafka storage format", classPath, jvm, "kafka.tools.StorageTool",
                        List.of("format", "--config", config.toString(), "--cluster-id", clusterId, "--standalone",
                                "--ignore-formatted"), dir, brokerLog);
                int code = format.waitFor(Duration.ofSeconds(60));
                if (code != 0) {
                    throw new IllegalStateException("formatting Kafka storage in " + dir + " failed (exit " + code + "):"
                            + System.lineSeparator() + format.tail());
                }
            }
            ChildJvm process = ChildJvm.start("kafka broker", classPath, jvm, "kafka.Kafka",
                    List.of(config.toString()), dir, brokerLog);
            LocalKafka kafka = new LocalKafka(dir, broker, process);
            kafka.awaitReady(readyTimeout);
            log.info("Kafka broker ready on {} (data {}, log {})", kafka.bootstrapServers(), dir, brokerLog);
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare Kafka data folder " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** {@code 127.0.0.1:port} of the broker's client listener. */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The broker's process id, for tests that check nothing is left behind. */
    public long pid() {
        return process.pid();
    }

    /** Whether the broker process still runs. */
    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the broker with a controlled shutdown; the data folder stays. */
    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka broker exited during start; log " + process.log() + ":"
                            + System.lineSeparator() + process.tail());
                }
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    // the broker is still starting: try again until the deadline
                }
                if (Instant.now().isAfter(deadline)) {
                    close();
                    throw new IllegalStateException("Kafka broker did not answer describeCluster within " + timeout
                            + "; log " + process.log() + ":" + System.lineSeparator() + process.tail());
                }
                sleep(200);
            }
        }
    }

    private static Path writeServerProperties(Path dir, int broker, int controller) throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controller);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + broker + ",CONTROLLER://127.0.0.1:" + controller);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + broker);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("kraft").toString());
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.partitions", "1");
        // One broker: every internal topic has one replica, and few partitions keep start-up fast on 2 cores.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "6");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "6");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("message.max.bytes", Integer.toString(16 << 20));
        p.setProperty("log.cleaner.backoff.ms", "5000");
        Path file = dir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "written by vigil LocalKafka; rewritten at every start");
        }
        return file;
    }

    private static Path writeLogConfig(Path dir) throws IOException {
        Path file = dir.resolve("kafka-logback.xml");
        Files.writeString(file, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="kafka" level="INFO"/>
                  <logger name="org.apache.kafka" level="INFO"/>
                  <logger name="state.change.logger" level="WARN"/>
                  <logger name="kafka.log.LogCleaner" level="WARN"/>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """, StandardCharsets.UTF_8);
        return file;
    }

    private static Properties loadState(Path dir) throws IOException {
        Properties state = new Properties();
        Path file = dir.resolve(STATE_FILE);
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                state.load(in);
            }
        }
        return state;
    }

    private static void saveState(Path dir, Properties state) throws IOException {
        try (Writer out = Files.newBufferedWriter(dir.resolve(STATE_FILE), StandardCharsets.UTF_8)) {
            state.store(out, "vigil LocalKafka: ports and cluster id, reused on restart");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }
}
