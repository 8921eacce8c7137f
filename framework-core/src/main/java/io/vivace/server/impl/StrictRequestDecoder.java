package io.vivace.server.impl;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;

/**
 * Vert.x's HTTP/1.x request decoder with the checks of RFC 9112 that it leaves out. A request that
 * fails one is marked as undecodable (its {@code DecoderResult} carries a {@link Rejected}), so
 * Vert.x hands it to the server's invalid-request handler, which answers 400 and closes the
 * connection (the body that follows cannot be trusted to delimit a next request):
 * <ul>
 *   <li>a version other than HTTP/1.0 or HTTP/1.1 (such as {@code HTTP/2.0} of the HTTP/2 preface),
 *       whose token is not echoed: the answer says HTTP/1.1;</li>
 *   <li>an HTTP/1.1 request without {@code Host} (RFC 9112 §3.2);</li>
 *   <li>a request target that is not origin-form ({@code /...}), absolute-form or {@code *}, or
 *       that holds a control character, a space, a byte outside ASCII or a bad {@code %} escape;</li>
 *   <li>request smuggling vectors (RFC 9112 §6.1, §6.3): {@code Transfer-Encoding} together with
 *       {@code Content-Length}, any {@code Transfer-Encoding} other than exactly one
 *       {@code chunked}, and {@code Transfer-Encoding} on HTTP/1.0.</li>
 * </ul>
 * Conflicting {@code Content-Length} values are rejected by Netty itself. A body that breaks the
 * chunked coding (a bad chunk size, extension or trailer) gets a 400 problem with
 * {@code Connection: close} written by this decoder, then the connection closes (Vert.x would close
 * it without an answer); nothing after it is read. (Behind a pipelined request still unanswered,
 * that 400 goes out first and the earlier answer is lost with the connection.) The checks run once per
 * request head on its event loop: header lookups and one scan of the target, no allocation unless
 * a request is rejected.
 */
final class StrictRequestDecoder extends VertxHttpRequestDecoder {
  /** Why a request was rejected; no stack trace (it is the client's mistake, not the server's). */
  static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Rejected(String message) {
      super(message, null, false, false);
    }
  }

  StrictRequestDecoder(HttpServerOptions options) {
    super(options);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
    if (broken) {
      buffer.skipBytes(buffer.readableBytes()); // the connection is closing: nothing more is read
      return;
    }
    int from = out.size();
    super.decode(ctx, buffer, out);
    // Netty ends its output with the broken chunk when a chunked body fails (its decoder then
    // discards the rest), so only the last element is looked at; the empty last chunk of a request
    // without a body, the common case, is one identity test.
    int n = out.size();
    if (n > from) {
      Object last = out.get(n - 1);
      if (last != LastHttpContent.EMPTY_LAST_CONTENT && last instanceof HttpContent
          && !((HttpContent) last).decoderResult().isSuccess() && !(last instanceof HttpMessage)) {
        // Vert.x would close the connection without an answer: answer, then close.
        io.netty.util.ReferenceCountUtil.release(out.remove(n - 1));
        broken = true;
        buffer.skipBytes(buffer.readableBytes());
        ctx.channel().writeAndFlush(badChunks()).addListener(ChannelFutureListener.CLOSE); // through the encoder
      }
    }
  }

  private boolean broken;

  private static FullHttpResponse badChunks() {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
        Unpooled.wrappedBuffer(BAD_CHUNKS));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, io.vivace.problem.Problem.CONTENT_TYPE)
        .set(HttpHeaderNames.CONTENT_LENGTH, BAD_CHUNKS.length)
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    return r;
  }

  private static final byte[] BAD_CHUNKS = io.vivace.json.Json.toBytes(io.vivace.problem.Problem.of(400,
      "The chunked body is malformed (RFC 9112 section 7.1)."));

  @Override
  protected boolean isContentAlwaysEmpty(HttpMessage msg) {
    boolean empty = super.isContentAlwaysEmpty(msg);
    if (msg instanceof HttpRequest && msg.decoderResult().isSuccess()) {
      String problem = check((HttpRequest) msg);
      if (problem != null) {
        msg.setProtocolVersion(HttpVersion.HTTP_1_1);
        msg.setDecoderResult(DecoderResult.failure(new Rejected(problem)));
      }
    }
    return empty;
  }

  /** What is wrong with {@code req}'s head, or null. */
  static String check(HttpRequest req) {
    HttpVersion version = req.protocolVersion();
    if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
      return "This server speaks HTTP/1.1 and HTTP/1.0 only.";
    }
    HttpHeaders headers = req.headers();
    if (version == HttpVersion.HTTP_1_1 && !headers.contains(HttpHeaderNames.HOST)) {
      return "An HTTP/1.1 request needs a Host header (RFC 9112 section 3.2).";
    }
    String target = targetProblem(req.uri());
    if (target != null) {
      return target;
    }
    if (headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
      if (version == HttpVersion.HTTP_1_0) {
        return "Transfer-Encoding is not allowed on HTTP/1.0 (RFC 9112 section 6.1).";
      }
      if (headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
        return "Content-Length together with Transfer-Encoding is not accepted (RFC 9112 section 6.3).";
      }
      java.util.List<String> codings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
      if (codings.size() != 1 || !codings.get(0).trim().equalsIgnoreCase("chunked")) {
        return "The only Transfer-Encoding accepted is chunked.";
      }
    }
    return null;
  }

  /** What is wrong with a request target, or null: one pass over its characters. */
  static String targetProblem(String uri) {
    int n = uri.length();
    if (n == 0) {
      return "The request target is empty.";
    }
    char first = uri.charAt(0);
    if (first != '/' && !(n == 1 && first == '*') && !absolute(uri)) {
      return "The request target must start with '/' (RFC 9112 section 3.2).";
    }
    for (int i = 0; i < n; i++) {
      char c = uri.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        return "The request target holds a character that must be percent-encoded.";
      }
      if (c == '%' && (i + 2 >= n || !hex(uri.charAt(i + 1)) || !hex(uri.charAt(i + 2)))) {
        return "The request target holds a '%' not followed by two hexadecimal digits.";
      }
    }
    return null;
  }

  private static boolean absolute(String uri) {
    return uri.regionMatches(true, 0, "http://", 0, 7) || uri.regionMatches(true, 0, "https://", 0, 8);
  }

  private static boolean hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
