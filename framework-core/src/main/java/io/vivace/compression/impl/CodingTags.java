package io.vivace.compression.impl;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.AsciiString;

/**
 * The entity tag of a response the compressor encodes. A strong tag gets the coding appended inside
 * its quotes ({@code "q1w2"} goes out as {@code "q1w2-gzip"} or {@code "q1w2-deflate"}), as
 * Apache's {@code mod_deflate} does: RFC 9110 §8.8.3 wants a strong validator to change when the
 * representation's bytes do, content coding included, so the identity and the compressed answers
 * must not share one. {@code ETags}, {@code Preconditions}, {@code ResponseCache} and static files
 * see both forms as one entity, so {@code If-None-Match} and {@code If-Match} keep working. Weak
 * tags ({@code W/}) stay as they are. Only an encoded response pays: one small byte array.
 * Stateless.
 */
public final class CodingTags {
  private CodingTags() {
  }

  /**
   * {@code tag} with {@code -coding} appended inside its quotes, as ASCII bytes (entity-tag
   * characters are single bytes); null when {@code tag} is null, weak or not quoted.
   */
  public static CharSequence coded(CharSequence tag, CharSequence coding) {
    if (tag == null) {
      return null;
    }
    int n = tag.length();
    if (n < 2 || tag.charAt(0) != '"' || tag.charAt(n - 1) != '"') {
      return null; // weak (W/"…") or not a tag: left as it is
    }
    int m = coding.length();
    byte[] b = new byte[n + 1 + m];
    for (int i = 0; i < n - 1; i++) {
      b[i] = (byte) tag.charAt(i);
    }
    b[n - 1] = '-';
    for (int i = 0; i < m; i++) {
      b[n + i] = (byte) coding.charAt(i);
    }
    b[n + m] = '"';
    return new AsciiString(b, false);
  }

  /** Rewrites the {@code ETag} of a response head that is being encoded with {@code coding}. */
  static void rewrite(HttpHeaders headers, CharSequence coding) {
    CharSequence coded = coded(headers.get(HttpHeaderNames.ETAG), coding);
    if (coded != null) {
      headers.set(HttpHeaderNames.ETAG, coded);
    }
  }

  /**
   * The tags of a connection compressed by another compressor than {@link SelectiveCompressor}
   * (Vert.x's, kept on HTTP/1.x connections when h2c is on): {@link #before()} goes in front of
   * that compressor and notes whether a response head already names a coding (the app encoded it:
   * its tag is its own), {@link #after()} behind it rewrites the tag of a head the compressor
   * encoded. The compressor passes each head on in the same call, so the two see the heads in
   * step. One per connection; confined to its event loop.
   */
  public static final class Around {
    private boolean codedBefore;

    /** The handler in front of the compressor (nearer the app). */
    public ChannelHandler before() {
      return new ChannelOutboundHandlerAdapter() {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
          if (msg instanceof HttpResponse) {
            codedBefore = ((HttpResponse) msg).headers().contains(HttpHeaderNames.CONTENT_ENCODING);
          }
          ctx.write(msg, promise);
        }
      };
    }

    /** The handler behind the compressor (nearer the socket). */
    public ChannelHandler after() {
      return new ChannelOutboundHandlerAdapter() {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
          if (msg instanceof HttpResponse && !codedBefore) {
            HttpHeaders headers = ((HttpResponse) msg).headers();
            String coding = headers.get(HttpHeaderNames.CONTENT_ENCODING);
            if (coding != null) {
              rewrite(headers, coding);
            }
          }
          ctx.write(msg, promise);
        }
      };
    }
  }
}
