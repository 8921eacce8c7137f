package io.vivace.files;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A handler result that sends a file without reading it into memory: {@code sendfile} on plain
 * HTTP/1.1 (zero copy), chunks read from disk otherwise, with {@code Content-Length} and the type
 * from the file name unless {@link #contentType} says otherwise. A file that is missing when the
 * response is written → 404 problem. Return it from any route:
 *
 * <pre>{@code app.get("/reports/:id", Path.string("id"), id -> Download.file(reports.pathOf(id)).attachment(id + ".csv"));}</pre>
 *
 * Immutable; each method returns a new instance.
 */
public final class Download {
  private final Path file;
  private final String contentType;
  private final String disposition;

  private Download(Path file, String contentType, String disposition) {
    this.file = file;
    this.contentType = contentType;
    this.disposition = disposition;
  }

  /** {@code file}, sent as is (not null). */
  public static Download file(Path file) {
    return new Download(Objects.requireNonNull(file, "file"), null, null);
  }

  /** The {@code Content-Type} to send (default: from the file's extension). */
  public Download contentType(String type) {
    return new Download(file, Objects.requireNonNull(type, "type"), disposition);
  }

  /**
   * {@code Content-Disposition: attachment} with {@code filename} (RFC 6266): an ASCII fallback
   * and the UTF-8 name ({@code filename*}, RFC 8187), so browsers save rather than show it.
   */
  public Download attachment(String filename) {
    StringBuilder ascii = new StringBuilder();
    StringBuilder utf8 = new StringBuilder();
    for (char c : filename.toCharArray()) {
      ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
    }
    for (byte b : filename.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        utf8.append((char) c);
      } else {
        utf8.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return new Download(file, contentType, "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + utf8);
  }

  public Path file() { return file; }

  /** The content type, or null for the one the file name implies. */
  public String contentType() { return contentType; }

  /** The {@code Content-Disposition} value, or null. */
  public String disposition() { return disposition; }
}
