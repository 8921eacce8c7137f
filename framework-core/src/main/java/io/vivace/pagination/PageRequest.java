package io.vivace.pagination;

/**
 * An offset page request, as read by {@link Pagination#offset()}: the size already clamped, the
 * offset derived from {@code page} when one was given. Immutable.
 *
 * @param page 1-based page number
 * @param perPage items per page, within the extractor's {@code 1..maxSize}
 * @param offset items to skip ({@code (page - 1) * perPage} when paged by number)
 */
public record PageRequest(int page, int perPage, long offset) {
  public PageRequest {
    if (page < 1 || perPage < 1 || offset < 0) {
      throw new IllegalArgumentException("page >= 1, perPage >= 1, offset >= 0 required, got page=" + page
          + ", perPage=" + perPage + ", offset=" + offset);
    }
  }

  /** The SQL-style limit: the same as {@link #perPage()}. */
  public int limit() {
    return perPage;
  }
}
