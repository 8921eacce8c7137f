package io.vivace.websocket;

import io.vivace.config.Config;
import io.vivace.config.Setting;
import java.util.List;

/**
 * Options of the WebSocket routes ({@code Routes.ws}), part of the app's
 * {@link io.vivace.config.VivaceOptions}. Every field has a documented {@code DEFAULT_*} and is
 * declared once as a {@link Setting} (all in {@link #SETTINGS}). Not thread-safe: configure, then
 * start.
 */
public final class WebSocketOptions {
  /** Largest frame in bytes, else close 1009: 64 KiB. Environment {@code VIVACE_WS_MAX_FRAME_SIZE}. */
  public static final int DEFAULT_MAX_FRAME_SIZE = 64 * 1024;
  /** Largest message (all its frames) in bytes, else close 1009: 256 KiB. Environment {@code VIVACE_WS_MAX_MESSAGE_SIZE}. */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 256 * 1024;
  /** Milliseconds between the server's pings: {@value}; {@code 0} sends none. Environment {@code VIVACE_WS_PING_INTERVAL}. */
  public static final long DEFAULT_PING_INTERVAL_MS = 30_000;
  /** Bytes sent and not yet taken by the client, else close 1013: 1 MiB. Environment {@code VIVACE_WS_MAX_BUFFER}. */
  public static final long DEFAULT_MAX_BUFFER_BYTES = 1024 * 1024;

  /** {@code VIVACE_WS_MAX_FRAME_SIZE}. */
  public static final Setting<Integer> MAX_FRAME_SIZE = Setting.integer("VIVACE_WS_MAX_FRAME_SIZE", "wsMaxFrameSize",
      DEFAULT_MAX_FRAME_SIZE, 125, 16 * 1024 * 1024, "largest WebSocket frame in bytes; a larger one closes the connection with 1009");
  /** {@code VIVACE_WS_MAX_MESSAGE_SIZE}. */
  public static final Setting<Integer> MAX_MESSAGE_SIZE = Setting.integer("VIVACE_WS_MAX_MESSAGE_SIZE", "wsMaxMessageSize",
      DEFAULT_MAX_MESSAGE_SIZE, 125, 64 * 1024 * 1024,
      "largest WebSocket message (all its frames) in bytes; a larger one closes the connection with 1009");
  /** {@code VIVACE_WS_PING_INTERVAL}. */
  public static final Setting<Long> PING_INTERVAL = Setting.longValue("VIVACE_WS_PING_INTERVAL", "wsPingIntervalMs",
      DEFAULT_PING_INTERVAL_MS, 0, 3_600_000,
      "ms between the server's WebSocket pings; a client silent until the next ping is closed with 1001; 0: no pings");
  /** {@code VIVACE_WS_MAX_BUFFER}. */
  public static final Setting<Long> MAX_BUFFER = Setting.longValue("VIVACE_WS_MAX_BUFFER", "wsMaxBufferBytes",
      DEFAULT_MAX_BUFFER_BYTES, 1024, 1L << 30,
      "bytes a WebSocket connection holds for a slow client; beyond them it is closed with 1013 and counted (`vivace.ws.dropped`)");

  /** Every setting of these options, in the order docs/configuration.md lists them. */
  public static final List<Setting<?>> SETTINGS = List.of(MAX_FRAME_SIZE, MAX_MESSAGE_SIZE, PING_INTERVAL, MAX_BUFFER);

  private int maxFrameSize = DEFAULT_MAX_FRAME_SIZE;
  private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
  private long pingIntervalMs = DEFAULT_PING_INTERVAL_MS;
  private long maxBufferBytes = DEFAULT_MAX_BUFFER_BYTES;

  /** Options at their defaults. */
  public WebSocketOptions() {
  }

  /**
   * Options read through {@code config}.
   *
   * @throws io.vivace.config.ConfigException naming the first invalid setting
   */
  public static WebSocketOptions from(Config config) {
    WebSocketOptions o = new WebSocketOptions();
    o.maxFrameSize = MAX_FRAME_SIZE.read(config);
    o.maxMessageSize = MAX_MESSAGE_SIZE.read(config);
    o.pingIntervalMs = PING_INTERVAL.read(config);
    o.maxBufferBytes = MAX_BUFFER.read(config);
    return o;
  }

  /** Largest frame, bytes. */
  public int maxFrameSize() { return maxFrameSize; }

  /** @param bytes 125..16 MiB */
  public WebSocketOptions maxFrameSize(int bytes) {
    this.maxFrameSize = MAX_FRAME_SIZE.check(bytes);
    return this;
  }

  /** Largest message, bytes. */
  public int maxMessageSize() { return maxMessageSize; }

  /** @param bytes 125..64 MiB */
  public WebSocketOptions maxMessageSize(int bytes) {
    this.maxMessageSize = MAX_MESSAGE_SIZE.check(bytes);
    return this;
  }

  /** Ping interval, ms; 0: none. */
  public long pingIntervalMs() { return pingIntervalMs; }

  /** @param ms 0..3,600,000 */
  public WebSocketOptions pingIntervalMs(long ms) {
    this.pingIntervalMs = PING_INTERVAL.check(ms);
    return this;
  }

  /** The slow-client bound, bytes. */
  public long maxBufferBytes() { return maxBufferBytes; }

  /** @param bytes 1,024..2^30 */
  public WebSocketOptions maxBufferBytes(long bytes) {
    this.maxBufferBytes = MAX_BUFFER.check(bytes);
    return this;
  }
}
