package io.vivace.sse;

import io.vivace.config.Config;
import io.vivace.config.Setting;
import java.util.List;

/**
 * Options of Server-Sent Event streams ({@link EventStreams}). Every field has a documented
 * {@code DEFAULT_*} and is declared once as a {@link Setting} (all in {@link #SETTINGS}), read at
 * start through {@link Config}. Not thread-safe: configure, then start.
 */
public final class SseOptions {
  /**
   * Milliseconds between heartbeat comments on an idle stream, so proxies do not close it:
   * {@value}; {@code 0} sends none. Environment {@code VIVACE_SSE_HEARTBEAT}.
   */
  public static final long DEFAULT_HEARTBEAT_MS = 15_000;
  /**
   * Bytes a stream may hold that its client's socket has not taken yet; beyond them the client is
   * dropped as too slow: 256 KiB. Environment {@code VIVACE_SSE_MAX_BUFFER}.
   */
  public static final long DEFAULT_MAX_BUFFER_BYTES = 256 * 1024;

  /** {@code VIVACE_SSE_HEARTBEAT}. */
  public static final Setting<Long> HEARTBEAT = Setting.longValue("VIVACE_SSE_HEARTBEAT", "sseHeartbeatMs",
      DEFAULT_HEARTBEAT_MS, 0, 3_600_000,
      "ms between heartbeat comments (`:`) on an open Server-Sent Events stream, so proxies keep it open; 0: none");
  /** {@code VIVACE_SSE_MAX_BUFFER}. */
  public static final Setting<Long> MAX_BUFFER = Setting.longValue("VIVACE_SSE_MAX_BUFFER", "sseMaxBufferBytes",
      DEFAULT_MAX_BUFFER_BYTES, 1024, 1L << 30,
      "bytes of events a Server-Sent Events stream holds for a slow client; beyond them the client is dropped and counted (`vivace.sse.dropped`)");

  /** Every setting of these options, in the order docs/configuration.md lists them. */
  public static final List<Setting<?>> SETTINGS = List.of(HEARTBEAT, MAX_BUFFER);

  private long heartbeatMs = DEFAULT_HEARTBEAT_MS;
  private long maxBufferBytes = DEFAULT_MAX_BUFFER_BYTES;

  /** Options at their defaults. */
  public SseOptions() {
  }

  /**
   * Options read through {@code config}.
   *
   * @throws io.vivace.config.ConfigException naming the first invalid setting
   */
  public static SseOptions from(Config config) {
    SseOptions o = new SseOptions();
    o.heartbeatMs = HEARTBEAT.read(config);
    o.maxBufferBytes = MAX_BUFFER.read(config);
    return o;
  }

  /** Heartbeat interval in ms; 0: none. */
  public long heartbeatMs() { return heartbeatMs; }

  /** @param ms 0..3,600,000 */
  public SseOptions heartbeatMs(long ms) {
    this.heartbeatMs = HEARTBEAT.check(ms);
    return this;
  }

  /** The slow-client bound in bytes. */
  public long maxBufferBytes() { return maxBufferBytes; }

  /** @param bytes 1,024..2^30 */
  public SseOptions maxBufferBytes(long bytes) {
    this.maxBufferBytes = MAX_BUFFER.check(bytes);
    return this;
  }
}
