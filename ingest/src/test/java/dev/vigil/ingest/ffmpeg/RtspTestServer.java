package dev.vigil.ingest.ffmpeg;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code rtsp/rtsp_server.py} (GStreamer's RTSP server) on a free loopback port for a test, and can
 * kill and restart it on the same port to simulate a camera outage. Needs Debian's python3-gi,
 * gir1.2-gst-rtsp-server-1.0 and the GStreamer plugins named in the script.
 */
final class RtspTestServer implements AutoCloseable {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private final Path script;
    private final Path log;
    private final int port;
    private Process process;

    private RtspTestServer(Path script, Path log, int port) {
        this.script = script;
        this.log = log;
        this.port = port;
    }

    /** Starts a server on a free port and waits until it accepts connections. */
    static RtspTestServer start(Path logDir) throws IOException, InterruptedException {
        Path script;
        try {
            script = Path.of(RtspTestServer.class.getResource("/rtsp/rtsp_server.py").toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        if (!Files.isExecutable(PYTHON)) {
            fail("/usr/bin/python3 is missing: apt-get install -y python3-gi gir1.2-gst-rtsp-server-1.0 "
                    + "gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        RtspTestServer server = new RtspTestServer(script, logDir.resolve("rtsp-server.log"), port);
        server.restart();
        return server;
    }

    /** The port it listens on. */
    int port() {
        return port;
    }

    /** The camera URL. */
    String url() {
        return "rtsp://127.0.0.1:" + port + "/cam";
    }

    /** Starts the server process (again) and waits until its port accepts connections. */
    void restart() throws IOException, InterruptedException {
        process = new ProcessBuilder(PYTHON.toString(), script.toString(), Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("RTSP test server exited with " + process.exitValue() + ": " + Files.readString(log)
                        + "\n(needs: apt-get install -y python3-gi gir1.2-gst-rtsp-server-1.0 "
                        + "gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly)");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        kill();
        fail("RTSP test server did not listen on port " + port + " within 20 s: " + Files.readString(log));
    }

    /**
     * Freezes the server process (SIGSTOP): its connections stay open and its port keeps accepting (the kernel
     * completes handshakes), but nothing is sent or answered, as with a hung camera.
     */
    void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Lets a {@link #pause() paused} server run on (SIGCONT). */
    void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            fail("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Kills the server at once (SIGKILL), as a crashing camera would vanish. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            // SIGKILL ends a stopped process too; no SIGCONT needed first.
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
