package io.vivace.server.impl;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.HttpServerConnection;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vivace.compression.impl.CodingTags;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP/1.x connections of one server: each gets the {@link StrictRequestDecoder} in place of
 * Vert.x's decoder when it opens (and, with compression on, the {@link ServerStages#compressor()}
 * in place of Vert.x's compressor; with h2c on, where Vert.x's stays, {@link CodingTags.Around}
 * around it), and is remembered until it closes so that a drain
 * ({@link #drain()}) can mark every response still to be written with {@code Connection: close}
 * (RFC 9112 §9.6), telling keep-alive clients not to send another request. Per-connection work
 * only; nothing per request. With h2c on, Vert.x makes the HTTP/1.x connection only while it
 * decodes the connection's first request, too late to swap the decoder: such connections keep
 * Vert.x's own (the drain still applies). Thread-safe.
 */
final class HttpConnections {
  private static final String DECODER = "httpDecoder";
  private static final String ENCODER = "httpEncoder";
  private static final String DRAIN = "vivaceDrain";
  private static final String H2C_UPGRADE = "h2c";
  private static final String COMPRESSOR = "deflater";
  private static final String TAGS_BEFORE = "vivaceTagsBefore";
  private static final String TAGS_AFTER = "vivaceTagsAfter";

  private final HttpServerOptions options;
  private final ServerStages stages;
  private final Set<ChannelPipeline> open = ConcurrentHashMap.newKeySet();
  private volatile boolean draining;

  HttpConnections(HttpServerOptions options, ServerStages stages) {
    this.options = options;
    this.stages = stages;
  }

  /** The server's connection handler: called on the connection's event loop before it reads. */
  void opened(HttpConnection conn) {
    if (!(conn instanceof HttpServerConnection)) {
      return;
    }
    ChannelPipeline pipeline = ((HttpServerConnection) conn).channelHandlerContext().pipeline();
    ChannelHandler decoder = pipeline.get(DECODER);
    if (decoder == null || pipeline.get(ENCODER) == null) {
      return; // HTTP/2, or a pipeline this class does not know
    }
    if (decoder.getClass() == VertxHttpRequestDecoder.class && pipeline.get(H2C_UPGRADE) == null) {
      // Not with h2c on: Vert.x then makes this connection while its decoder is in the middle of
      // the first request, whose body a new decoder would lose.
      pipeline.replace(DECODER, DECODER, new StrictRequestDecoder(options));
      if (pipeline.get(COMPRESSOR) != null) {
        pipeline.replace(COMPRESSOR, COMPRESSOR, stages.compressor()); // filters by content type
      }
    } else if (pipeline.get(COMPRESSOR) != null && pipeline.get(TAGS_AFTER) == null) {
      // h2c: Vert.x's compressor stays (it already took the first request's Accept-Encoding);
      // the tags of what it encodes are rewritten around it
      CodingTags.Around around = new CodingTags.Around();
      pipeline.addAfter(COMPRESSOR, TAGS_BEFORE, around.before());
      pipeline.addBefore(COMPRESSOR, TAGS_AFTER, around.after());
    }
    if (draining) {
      markClose(pipeline);
    }
    open.add(pipeline);
    pipeline.channel().closeFuture().addListener(f -> open.remove(pipeline));
  }

  /** From now on every response of these connections carries {@code Connection: close}. */
  void drain() {
    draining = true;
    for (ChannelPipeline p : open) {
      p.channel().eventLoop().execute(() -> markClose(p));
    }
  }

  private static void markClose(ChannelPipeline p) {
    if (p.get(DRAIN) == null && p.get(ENCODER) != null && p.channel().isOpen()) {
      p.addAfter(ENCODER, DRAIN, ConnectionClose.INSTANCE);
    }
  }

  /** Sets {@code Connection: close} on every response head going out. */
  @ChannelHandler.Sharable
  static final class ConnectionClose extends ChannelOutboundHandlerAdapter {
    static final ConnectionClose INSTANCE = new ConnectionClose();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
      if (msg instanceof HttpResponse) {
        ((HttpResponse) msg).headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      }
      ctx.write(msg, promise);
    }
  }
}
