package io.vivace.pagination;

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

  /** Whether this asks for the first page. */
  public boolean first() {
    return cursor == null;
  }
}
