package io.vivace.compression.impl;

import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.vivace.compression.CompressionOptions;

/**
 * Netty's HTTP compressor (gzip, deflate; the coding picked from {@code Accept-Encoding} by its
 * q-values; bodies written at once under the minimum size left alone) that also leaves alone a
 * response whose {@code Content-Type} is not among the configured ones, adds
 * {@code Vary: Accept-Encoding} to those that are, and treats {@code Content-Encoding: identity} as
 * "do not compress" (the header is removed). A {@code 206} is not encoded (its range counts the
 * identity bytes), nor is a file Vert.x sends after an empty head by sendfile ({@code app.files},
 * {@code Download}: zero copy; precompressed siblings are the way to send them compressed). A
 * strong {@code ETag} of a response it encodes gets the coding appended ({@link CodingTags}:
 * {@code "q1w2-gzip"}). One per HTTP/1.x connection, in place of Vert.x's own in the connection's
 * pipeline; runs on the connection's event loop.
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
    if (response.status().code() == 206) {
      return null; // a range is of the identity bytes (Content-Range counts them): never encoded
    }
    if (response instanceof HttpContent && !((HttpContent) response).content().isReadable()
        && HttpUtil.getContentLength(response, 0L) > 0) {
      return null; // a file: its bytes follow the head by sendfile (or in chunks over TLS), never encoded
    }
    Result result = super.beginEncode(response, acceptEncoding);
    if (result != null) {
      CodingTags.rewrite(headers, result.targetContentEncoding()); // "q1w2" -> "q1w2-gzip"
    }
    return result;
  }

  /**
   * The coding this compressor would pick for {@code acceptEncoding} by its q-values
   * ({@code gzip}, {@code deflate}), or null for none; the same choice as Vert.x's HTTP/2
   * compressor, which has the same codings. Stateless: callable on an instance in no pipeline.
   */
  public String coding(String acceptEncoding) {
    return determineEncoding(acceptEncoding);
  }
}
