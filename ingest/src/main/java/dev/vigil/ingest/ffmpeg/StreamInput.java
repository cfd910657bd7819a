package dev.vigil.ingest.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * One opened FFmpeg input and the decoder of its video stream, read on one thread.
 *
 * <p>Written against FFmpeg's own API rather than JavaCV's {@code FFmpegFrameGrabber} for one reason: the
 * grabber opens the input itself, so there is no way to install an interrupt callback before the connection
 * is made, and its grab loop reads packet after packet inside one call until something decodes. Here the
 * {@link ReadDeadline} is the context's interrupt callback from the first byte on, and every wait, in
 * FFmpeg or in this loop, ends when the deadline passes.
 *
 * <p>Pictures stay in the stream's pixel format ({@link #next} hands out the decoder's {@link AVFrame}, valid
 * until the next call). Not thread-safe; {@link #close()} frees every native structure.
 */
final class StreamInput implements AutoCloseable {

    /** {@code AVERROR(EAGAIN)} on Linux, the platform vigil runs on: "no output yet, feed more input". */
    private static final int EAGAIN = -11;
    private static final AVRational MICROS = av_make_q(1, 1_000_000);

    private final ReadDeadline deadline;
    private AVFormatContext format;
    private AVCodecContext decoder;
    private AVPacket packet;
    private AVFrame frame;
    private int videoIndex = -1;
    private AVRational timeBase;
    private long startMicros;
    private boolean draining;
    private long lastMicros = Long.MIN_VALUE;

    /** A decoded picture and its presentation time (microseconds from the start of the input). */
    record Decoded(AVFrame picture, long micros) {
    }

    /** Why an FFmpeg call failed, with its error code. */
    static final class Failure extends Exception {
        private final int code;

        Failure(String call, int code) {
            super(call + " error " + code);
            this.code = code;
        }

        Failure(String message) {
            super(message);
            this.code = 0;
        }

        /** The FFmpeg error code (negative), 0 when not from FFmpeg. */
        int code() {
            return code;
        }
    }

    private StreamInput(ReadDeadline deadline) {
        this.deadline = deadline;
    }

    /**
     * Opens {@code target} with FFmpeg {@code options}, under {@code deadline} (extend it before calling), and
     * sets up the decoder of its best video stream.
     *
     * @throws Failure when it cannot be opened, has no video, or no decoder for it
     */
    static StreamInput open(String target, Map<String, String> options, ReadDeadline deadline) throws Failure {
        StreamInput in = new StreamInput(deadline);
        try {
            in.start(target, options);
            return in;
        } catch (Failure | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private void start(String target, Map<String, String> options) throws Failure {
        format = avformat_alloc_context();
        AVIOInterruptCB interrupt = format.interrupt_callback();
        interrupt.callback(deadline);
        AVDictionary dict = new AVDictionary(null);
        options.forEach((k, v) -> av_dict_set(dict, k, v, 0));
        int ret = avformat_open_input(format, target, null, dict);
        av_dict_free(dict);
        if (ret < 0) {
            format = null; // avformat_open_input frees the context on failure
            throw new Failure("avformat_open_input()", ret);
        }
        if ((ret = avformat_find_stream_info(format, (AVDictionary) null)) < 0) {
            throw new Failure("avformat_find_stream_info()", ret);
        }
        videoIndex = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
        if (videoIndex < 0) {
            throw new Failure("no video track");
        }
        AVStream stream = format.streams(videoIndex);
        AVCodec codec = avcodec_find_decoder(stream.codecpar().codec_id());
        if (codec == null) {
            throw new Failure("no decoder for codec id " + stream.codecpar().codec_id());
        }
        decoder = avcodec_alloc_context3(codec);
        if ((ret = avcodec_parameters_to_context(decoder, stream.codecpar())) < 0) {
            throw new Failure("avcodec_parameters_to_context()", ret);
        }
        timeBase = stream.time_base();
        decoder.pkt_timebase(timeBase);
        // Slice threads only: frame threading would hold back a frame per thread, i.e. add latency.
        decoder.thread_count(0);
        decoder.thread_type(2 /* FF_THREAD_SLICE */);
        if ((ret = avcodec_open2(decoder, codec, (AVDictionary) null)) < 0) {
            throw new Failure("avcodec_open2()", ret);
        }
        startMicros = format.start_time() == AV_NOPTS_VALUE ? 0 : format.start_time();
        packet = av_packet_alloc();
        frame = av_frame_alloc();
    }

    /**
     * The next decoded picture; null at the end of the input. Packets the decoder refuses are reported to
     * {@code undecodable} and skipped.
     *
     * @throws Failure when reading fails (including {@code AVERROR_EXIT} once the deadline passed)
     */
    Decoded next(Runnable undecodable) throws Failure {
        while (true) {
            int ret = avcodec_receive_frame(decoder, frame);
            if (ret == 0) {
                return new Decoded(frame, micros(frame));
            }
            if (ret == AVERROR_EOF() || draining) {
                return null;
            }
            if (ret != EAGAIN) {
                throw new Failure("avcodec_receive_frame()", ret);
            }
            ret = av_read_frame(format, packet);
            if (ret == AVERROR_EOF()) {
                draining = true; // hand out what the decoder still holds, then end
                avcodec_send_packet(decoder, null);
                continue;
            }
            if (ret == EAGAIN) {
                continue;
            }
            if (ret < 0) {
                throw new Failure("av_read_frame()", ret);
            }
            try {
                if (packet.stream_index() == videoIndex && avcodec_send_packet(decoder, packet) < 0) {
                    undecodable.run();
                }
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    private long micros(AVFrame f) {
        long ts = f.best_effort_timestamp() != AV_NOPTS_VALUE ? f.best_effort_timestamp() : f.pts();
        long micros;
        if (ts == AV_NOPTS_VALUE) {
            // No timestamp at all: one frame interval after the previous picture.
            double rate = frameRate();
            micros = lastMicros == Long.MIN_VALUE ? 0 : lastMicros + (long) (1_000_000 / (rate > 0 ? rate : 25));
        } else {
            micros = av_rescale_q(ts, timeBase, MICROS) - startMicros;
        }
        lastMicros = micros;
        return micros;
    }

    /** Width of the video as opened. */
    int width() {
        return decoder.width();
    }

    /** Height of the video as opened. */
    int height() {
        return decoder.height();
    }

    /** The stream's nominal frame rate, 0 if unknown. */
    double frameRate() {
        AVRational r = format.streams(videoIndex).avg_frame_rate();
        if (r.den() == 0 || r.num() == 0) {
            r = format.streams(videoIndex).r_frame_rate();
        }
        return r.den() == 0 ? 0 : (double) r.num() / r.den();
    }

    /** The codec's short name, e.g. {@code h264}. */
    String codecName() {
        return decoder.codec() == null ? "?" : decoder.codec().name().getString();
    }

    /** The input's length in microseconds, 0 if unknown (live streams). */
    long lengthMicros() {
        return Math.max(0, format.duration() == AV_NOPTS_VALUE ? 0 : format.duration());
    }

    /**
     * The wall-clock time (microseconds since the epoch) of presentation time 0 as the stream tells it (RTSP:
     * from RTCP sender reports), or {@code AV_NOPTS_VALUE}/0 when it does not.
     */
    long startTimeRealtime() {
        return format.start_time_realtime();
    }

    @Override
    public void close() {
        if (frame != null) {
            av_frame_free(frame);
            frame = null;
        }
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (decoder != null) {
            avcodec_free_context(decoder);
            decoder = null;
        }
        if (format != null) {
            // Only an opened input is kept (a failed open frees the context itself); closing it also ends the
            // session politely (RTSP TEARDOWN), which the interrupt callback keeps short on a dead connection.
            avformat_close_input(format);
            format = null;
        }
    }
}
