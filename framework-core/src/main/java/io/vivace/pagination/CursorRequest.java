package io.vivace.pagination;

/**
 * A keyset (cursor) page request, as read by {@link Pagination#keyset()}. Immutable.
 *
 * @param cursor the opaque cursor from the previous page's {@code next_cursor} (base64url text), or
 *     {@code null} for the first page
 * @param limit items per page, within the extractor's {@code 1..maxSize}
 */
public record CursorRequest(String cursor, int limit) {
  public CursorRequest {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
  }

  /** Whether this asks for the first page. */
  public boolean first() {
    return cursor == null;
  }
}
