package io.vivace.files.impl;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.MimeMapping;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What a lookup found for one request path: the regular file inside the root, its size, time, the
 * pre-encoded validators and type, and its precompressed siblings. Immutable; made off the event loop.
 *
 * @param file the real path of the file
 * @param size bytes
 * @param modifiedSeconds the modification time, whole seconds since the epoch (HTTP dates have no more)
 * @param etag the strong entity tag, quoted: size and modification time in hex (as nginx makes it)
 * @param br the {@code .br} sibling's real path, or null; {@code brSize} its bytes
 * @param gz the {@code .gz} sibling's real path, or null; {@code gzSize} its bytes
 * @param fallback whether this is the single-page app's page served for a missing path
 * @param expiresNanos when the lookup must be made again ({@code System.nanoTime()} scale)
 */
record FileEntry(Path file, long size, long modifiedSeconds, String etag, CharSequence lastModified,
    CharSequence contentType, Path br, long brSize, Path gz, long gzSize, boolean fallback, long expiresNanos) {

  /** The cached answer for a path with no file: 404 (or the fallback) until {@code expiresNanos}. */
  static FileEntry missing(long expiresNanos) {
    return new FileEntry(null, 0, 0, null, null, null, null, 0, null, 0, false, expiresNanos);
  }

  static FileEntry of(Path file, long size, long modifiedMillis, Path br, long brSize, Path gz, long gzSize,
      boolean fallback, long expiresNanos) {
    long seconds = Math.floorDiv(modifiedMillis, 1000);
    String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(modifiedMillis) + "\"";
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochSecond(seconds).atOffset(ZoneOffset.UTC));
    return new FileEntry(file, size, seconds, etag, HttpHeaders.createOptimized(date),
        HttpHeaders.createOptimized(contentType(file.getFileName().toString())), br, brSize, gz, gzSize, fallback,
        expiresNanos);
  }

  boolean found() {
    return file != null;
  }

  boolean hasVariants() {
    return br != null || gz != null;
  }

  /** The type from the name, with {@code charset=utf-8} for text; octet-stream when unknown. */
  static String contentType(String name) {
    String type = MimeMapping.mimeTypeForFilename(name);
    if (type == null) {
      return "application/octet-stream";
    }
    if (type.startsWith("text/") || type.equals("application/javascript") || type.equals("application/json")
        || type.equals("image/svg+xml")) {
      return type + "; charset=utf-8";
    }
    return type;
  }
}
