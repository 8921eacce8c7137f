package io.vivace.server.impl;

import io.netty.channel.ChannelHandler;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vivace.compression.CompressionOptions;
import io.vivace.compression.impl.ContentTypes;
import io.vivace.compression.impl.SelectiveCompressor;
import io.vivace.config.ConfigException;
import io.vivace.cors.CorsOptions;
import io.vivace.cors.impl.Cors;
import io.vivace.headers.SecurityHeadersOptions;
import io.vivace.headers.impl.SecurityHeaders;
import io.vivace.observe.Tracer;

/**
 * The app-wide stages of every request, composed once at start from their options: the
 * security-headers preset and CORS run in the verticle's request handler before dispatch (so 404s,
 * 405s and preflights get them too), compression is set up in each connection's pipeline. What is
 * off costs nothing: with neither header stage on, {@link #perRequest()} is null and the request
 * handler skips them with one null test. Immutable; shared by every event loop.
 */
public final class ServerStages {
  private final SecurityHeaders securityHeaders;
  private final Cors cors;
  private final CompressionOptions compression;
  private final ContentTypes compressedTypes;
  /** The app's tracer, or null when tracing is off (the observe stages begin and end the spans). */
  private final Tracer tracer;

  private ServerStages(SecurityHeaders securityHeaders, Cors cors, CompressionOptions compression, ContentTypes types,
      Tracer tracer) {
    this.securityHeaders = securityHeaders;
    this.cors = cors;
    this.compression = compression;
    this.compressedTypes = types;
    this.tracer = tracer;
  }

  /**
   * Compiles the stages; a null or disabled option turns its stage off.
   *
   * @throws ConfigException when a combination of settings is invalid (CORS's {@code *} with credentials)
   */
  public static ServerStages of(CorsOptions cors, SecurityHeadersOptions securityHeaders, CompressionOptions compression) {
    boolean compress = compression != null && compression.enabled();
    return new ServerStages(SecurityHeaders.of(securityHeaders), Cors.of(cors), compress ? compression : null,
        compress ? ContentTypes.of(compression.contentTypes()) : null, null);
  }

  /** These stages with {@code tracer} as the app's tracer (null: tracing off). */
  public ServerStages tracer(Tracer tracer) {
    return new ServerStages(securityHeaders, cors, compression, compressedTypes, tracer);
  }

  /** The app's tracer, or null when tracing is off. */
  Tracer tracer() {
    return tracer;
  }

  /** These stages when some run per request, else null. */
  ServerStages perRequest() {
    return securityHeaders == null && cors == null ? null : this;
  }

  /**
   * Runs the per-request stages on {@code req}, on its event loop.
   *
   * @return true when a stage answered the request (a CORS preflight): it must not be dispatched
   */
  boolean handle(HttpServerRequest req) {
    if (securityHeaders != null) {
      securityHeaders.apply(req);
    }
    return cors != null && cors.handle(req);
  }

  /** Turns Vert.x's compression on in {@code options} when compression is on (level and minimum size). */
  void configure(HttpServerOptions options) {
    options.setCompressionSupported(compression != null);
    if (compression != null) {
      options.setCompressionLevel(compression.level()).setCompressionContentSizeThreshold(compression.minSizeBytes());
    }
  }

  /**
   * The tag rewriting of HTTP/2 answers (Vert.x's compressor encodes them), or null when
   * compression is off. Made once per event loop.
   */
  io.vivace.compression.impl.Http2Tags http2Tags() {
    return compression == null ? null : new io.vivace.compression.impl.Http2Tags(compression, compressedTypes);
  }

  /** A compressor for one new HTTP/1.x connection (it keeps per-connection state), or null when off. */
  ChannelHandler compressor() {
    return compression == null ? null : new SelectiveCompressor(compression, compressedTypes);
  }
}
