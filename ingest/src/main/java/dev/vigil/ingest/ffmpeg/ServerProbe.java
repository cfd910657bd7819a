package dev.vigil.ingest.ffmpeg;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import dev.vigil.ingest.RedactedUrl;

/**
 * Whether anything accepts TCP connections at a network camera's address: a cheap probe (a handshake, no
 * request) that lets a reconnect wait end as soon as a camera that was down is back, instead of sleeping out a
 * backoff step of up to 30 s. Only a change from "refused" to "accepted" cuts a wait short (see
 * {@link FfmpegSource}); a server that accepts connections but fails the request keeps its full backoff.
 */
final class ServerProbe {

    private static final Map<String, Integer> DEFAULT_PORTS = Map.of("rtsp", 554, "rtsps", 322, "http", 80,
            "https", 443);

    private final InetSocketAddress address;
    private final int timeoutMillis;

    private ServerProbe(InetSocketAddress address, Duration timeout) {
        this.address = address;
        this.timeoutMillis = (int) Math.max(1, timeout.toMillis());
    }

    /** The probe of {@code url}'s host and port; empty when the URL names none (then waits are not cut short). */
    static Optional<ServerProbe> of(RedactedUrl url, Duration timeout) {
        try {
            URI uri = URI.create(url.secretValue());
            Integer port = uri.getPort() > 0 ? Integer.valueOf(uri.getPort()) : DEFAULT_PORTS.get(url.scheme());
            if (uri.getHost() == null || port == null) {
                return Optional.empty();
            }
            return Optional.of(new ServerProbe(InetSocketAddress.createUnresolved(uri.getHost(), port), timeout));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** True if a TCP connection to the camera's address could be made now (and was closed again at once). */
    boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address.getHostString(), address.getPort()), timeoutMillis);
            return true;
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            return false;
        }
    }
}
