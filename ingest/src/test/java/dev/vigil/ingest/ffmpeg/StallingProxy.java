package dev.vigil.ingest.ffmpeg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback that can stop forwarding without closing anything, as a broken switch or a
 * half-dead NAT does: while {@link #stall() stalled}, connections stay open and new ones are accepted, but
 * no byte goes through in either direction; {@link #heal()} lets them flow again. One thread per direction
 * per connection; everything ends on {@link #close()}.
 */
final class StallingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Object gate = new Object();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean stalled;
    private volatile boolean closed;

    StallingProxy(int upstreamPort) throws IOException {
        this.upstream = new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "stalling-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    /** The port clients connect to. */
    int port() {
        return listener.getLocalPort();
    }

    /** Stops forwarding (connections stay open). */
    void stall() {
        stalled = true;
    }

    /** Forwards again. */
    void heal() {
        synchronized (gate) {
            stalled = false;
            gate.notifyAll();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(upstream, 2000);
                sockets.add(client);
                sockets.add(server);
                pump(client, server, "up");
                pump(server, client, "down");
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("stalling proxy: " + e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (from; to) {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while (true) {
                    awaitFlow();
                    // Read only while flowing: a stalled proxy leaves the bytes in the kernel, so the
                    // sender's window fills as it would behind a dead link.
                    if ((n = in.read(buf)) < 0) {
                        return;
                    }
                    awaitFlow();
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the other side closed, or the proxy did
            }
        }, "stalling-proxy-" + direction);
        t.setDaemon(true);
        t.start();
    }

    private void awaitFlow() throws InterruptedException {
        synchronized (gate) {
            while (stalled && !closed) {
                gate.wait(100);
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        heal();
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
