package io.vivace.compression.impl;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.vivace.compression.CompressionOptions;

/**
 * Netty's HTTP compressor (gzip, deflate; the coding picked from {@code Accept-Encoding} by its
 * q-values; bodies written at once under the minimum size left alone) that also leaves alone a
 * response whose {@code Content-Type} is not among the configured ones, adds
 * {@code Vary: Accept-Encoding} to those that are, and treats {@code Content-Encoding: identity} as
 * "do not compress" (the header is removed). One per HTTP/1.x connection, in place of Vert.x's own
 * in the connection's pipeline; runs on the connection's event loop.
 */
public final class SelectiveCompressor extends HttpContentCompressor {
  private static final CharSequence ACCEPT_ENCODING = io.netty.util.AsciiString.cached("Accept-Encoding");

  private final ContentTypes types;

  /** A compressor for one connection. */
  public SelectiveCompressor(CompressionOptions options, ContentTypes types) {
    super(options.minSizeBytes(), StandardCompressionOptions.gzip(options.level(), 15, 8),
        StandardCompressionOptions.deflate(options.level(), 15, 8));
    this.types = types;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
    // Vert.x writes a file's bytes as plain buffers: as content they are encoded like any other body part
    if (msg instanceof ByteBuf && ((ByteBuf) msg).isReadable()) {
      msg = new DefaultHttpContent((ByteBuf) msg);
    }
    super.write(ctx, msg, promise);
  }

  @Override
  protected Result beginEncode(HttpResponse response, String acceptEncoding) throws Exception {
    HttpHeaders headers = response.headers();
    String coding = headers.get(HttpHeaderNames.CONTENT_ENCODING);
    if (coding != null) {
      if (HttpHeaderValues.IDENTITY.contentEqualsIgnoreCase(coding)) {
        headers.remove(HttpHeaderNames.CONTENT_ENCODING);
      }
      return null;
    }
    if (!types.matches(headers.get(HttpHeaderNames.CONTENT_TYPE))) {
      return null;
    }
    headers.add(HttpHeaderNames.VARY, ACCEPT_ENCODING);
    return super.beginEncode(response, acceptEncoding);
  }
}
