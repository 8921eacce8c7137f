package io.vivace.examples.blog;

import com.dslplatform.json.CompiledJson;
import io.vertx.sqlclient.Row;

/**
 * A post in a list: {@code {"id":7,"title":"...","authorId":3,"createdAt":"2024-01-05T10:20:00Z"}}.
 *
 * @param createdAt ISO-8601; also the first keyset column of the feed
 */
@CompiledJson
public record PostSummary(long id, String title, long authorId, String createdAt) {
  /** The columns {@link #from} reads, in order (also the feed's keyset columns' names). */
  static final String COLUMNS = "id, title, author_id, created_at";

  static PostSummary from(Row row) {
    return new PostSummary(row.getLong(0), row.getString(1), row.getLong(2), Rows.time(row, 3));
  }
}
