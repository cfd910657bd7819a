#!/usr/bin/python3
"""A real RTSP server for vigil's ingest tests (GStreamer's gst-rtsp-server through PyGObject).

Usage: rtsp_server.py PORT

Serves rtsp://127.0.0.1:PORT/cam over RTP/TCP only (UDP SETUP is refused with 461): a live test
picture (a moving ball, 320x240, 10 fps) that the server encodes as H.264 itself. Prints READY on
stdout once it listens; stops on SIGTERM or SIGINT. Listens on loopback only. The ball's colour
starts from the clock each time the stream's pipeline is (re)built (a new connection after the last client
left builds it again, and its ball starts over) and then changes every 50 ms, so no two pictures it ever
sends are identical (the ball's motion alone repeats): a test can tell a picture sent twice from two pictures.

Debian packages: python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base
gstreamer1.0-plugins-good (RTP payloader) gstreamer1.0-plugins-ugly (x264enc).
"""
import signal
import sys
import time

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

TEST_PICTURE = (
    "( videotestsrc name=src is-live=true pattern=ball foreground-color=%d "
    "! video/x-raw,width=320,height=240,framerate=10/1 "
    "! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=10 bframes=0 threads=1 "
    "! rtph264pay name=pay0 pt=96 config-interval=1 )"
)


def clock_colour():
    """A colour from the wall clock in milliseconds: a pipeline built later starts from another colour."""
    return 0xFF000000 | 0x404040 | (int(time.time() * 1000) & 0xFFFFFF)


def recolour(media):
    """Starts the ball's colour from the clock, then steps it every 50 ms, so every picture differs."""
    src = media.get_element().get_by_name("src")
    start = clock_colour()
    src.set_property("foreground-color", start)
    step = [0]

    def tick():
        step[0] += 1
        # 24 bits of colour, stepped by a prime so consecutive pictures differ visibly
        src.set_property("foreground-color", 0xFF000000 | ((start + step[0] * 0x10307) & 0xFFFFFF))
        return True

    GLib.timeout_add(50, tick)


def main():
    port = sys.argv[1]
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(port)
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(TEST_PICTURE % clock_colour())
    factory.set_shared(True)
    factory.connect("media-configure", lambda _factory, media: recolour(media))
    factory.set_protocols(GstRtsp.RTSPLowerTrans.TCP)
    server.get_mount_points().add_factory("/cam", factory)
    if server.attach(None) == 0:
        print("could not listen on 127.0.0.1:%s" % port, file=sys.stderr, flush=True)
        sys.exit(2)
    loop = GLib.MainLoop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    print("READY", flush=True)
    loop.run()


if __name__ == "__main__":
    main()
