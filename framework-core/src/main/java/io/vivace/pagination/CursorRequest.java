package io.vivace.pagination;

import io.vivace.pagination.impl.Cursors;

/**
 * A keyset (cursor) page request, as read by {@link Pagination#keyset()}. Immutable.
 *
 * @param cursor the opaque cursor from the previous page's {@code next_cursor} (base64url text), or
 *     {@code null} for the first page
 * @param limit items per page, within the extractor's {@code 1..maxSize}
 * @param path the request path, for the next page's link
 * @param otherParams the request's other query parameters, encoded ({@code a=1&b=2}; {@code cursor}
 *     and {@code limit} left out), kept in the next page's link
 */
public record CursorRequest(String cursor, int limit, String path, String otherParams) {
  public CursorRequest {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    path = path == null ? "" : path;
    otherParams = otherParams == null ? "" : otherParams;
  }

  /** A request for a page after {@code cursor} (null for the first) with no link information. */
  public CursorRequest(String cursor, int limit) {
    this(cursor, limit, "", "");
  }

  /** The URI reference of the page after {@code nextCursor}: same path, parameters and limit. */
  public String linkTo(String nextCursor) {
    StringBuilder b = new StringBuilder(path.length() + otherParams.length() + nextCursor.length() + 24);
    b.append(path).append('?');
    if (!otherParams.isEmpty()) {
      b.append(otherParams).append('&');
    }
    return b.append("limit=").append(limit).append("&cursor=").append(nextCursor).toString();
  }

  /**
   * The opaque cursor that carries {@code position}: base64url (RFC 4648 section 5, no padding) of
   * its UTF-8 bytes. Only the server reads it back, with {@link #position()}. Thread-safe.
   *
   * @param position the server's text for "after this row", as the last row's key; not null
   * @throws NullPointerException when {@code position} is null
   */
  public static String cursorOf(String position) {
    return Cursors.encode(position);
  }

  /**
   * The text the cursor carries (what {@link #cursorOf(String)} was given), or null for the first
   * page.
   *
   * @throws IllegalArgumentException when the cursor is not base64url of at most 1,024 characters
   *     ({@link Pagination#keyset()} answers 400 for those before a handler runs)
   */
  public String position() {
    return cursor == null ? null : Cursors.decode(cursor);
  }

  /** Whether this asks for the first page. */
  public boolean first() {
    return cursor == null;
  }
}
