package io.vivace.compression.impl;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vivace.compression.CompressionOptions;

/**
 * The entity tags of HTTP/2 answers, which Vert.x's own compressor encodes (HTTP/2 frames never
 * pass {@link SelectiveCompressor}): it encodes every answer that names no
 * {@code Content-Encoding} when the request's {@code Accept-Encoding} allows gzip or deflate, and
 * labels it so. {@link #watch} makes the same choice for a request and, as the answer's head goes
 * out, appends the coding to its strong tag ({@link CodingTags}), except on a {@code 304}, whose
 * tag is the one the client listed. Only HTTP/2 requests with compression on get here. Immutable;
 * thread-safe.
 */
public final class Http2Tags {
  private final SelectiveCompressor codings;

  /** For the app's compression options (the codings Vert.x's compressor offers: gzip, deflate). */
  public Http2Tags(CompressionOptions options, ContentTypes types) {
    this.codings = new SelectiveCompressor(options, types); // in no pipeline: picks codings only
  }

  /** Called on {@code req}'s event loop before it is dispatched. */
  public void watch(HttpServerRequest req) {
    String accept = req.getHeader(HttpHeaders.ACCEPT_ENCODING);
    String coding = accept == null ? null : codings.coding(accept);
    if (coding == null) {
      return;
    }
    HttpServerResponse res = req.response();
    res.headersEndHandler(v -> {
      MultiMap headers = res.headers();
      if (res.getStatusCode() != 304 && !headers.contains(HttpHeaders.CONTENT_ENCODING)) {
        CharSequence coded = CodingTags.coded(headers.get(HttpHeaders.ETAG), coding);
        if (coded != null) {
          headers.set(HttpHeaders.ETAG, coded);
        }
      }
    });
  }
}
