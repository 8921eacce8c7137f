package io.vivace.files.impl;

import io.vivace.files.Download;
import java.nio.file.Path;

/**
 * A response whose body is (part of) a file, sent by {@code sendFile} without reading it into
 * memory: the status, the headers as alternating names and values, the byte range. Made on the
 * event loop, written by the responder. Immutable.
 *
 * @param length bytes from {@code offset}; {@code Long.MAX_VALUE}: to the end of the file
 */
public record FileReply(int status, Path file, long offset, long length, CharSequence[] headers) {

  /** The reply of a handler's {@link Download}: 200, the whole file. */
  public static FileReply of(Download d) {
    CharSequence[] h = new CharSequence[(d.contentType() != null ? 2 : 0) + (d.disposition() != null ? 2 : 0)];
    int i = 0;
    if (d.contentType() != null) {
      h[i++] = io.vertx.core.http.HttpHeaders.CONTENT_TYPE;
      h[i++] = d.contentType();
    }
    if (d.disposition() != null) {
      h[i++] = io.vertx.core.http.HttpHeaders.CONTENT_DISPOSITION;
      h[i] = d.disposition();
    }
    return new FileReply(200, d.file(), 0, Long.MAX_VALUE, h);
  }
}
