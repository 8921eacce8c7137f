package io.vivace.examples.blog;

import com.dslplatform.json.CompiledJson;
import io.vertx.sqlclient.Row;

/** A whole post, as created, updated and exported; the parent of the include relations. */
@CompiledJson
public record Post(long id, long authorId, String title, String body, String createdAt) {
  /** The columns {@link #from} reads, in order. */
  static final String COLUMNS = "id, author_id, title, body, created_at";

  static Post from(Row row) {
    return new Post(row.getLong(0), row.getLong(1), row.getString(2), row.getString(3), Rows.time(row, 4));
  }
}
