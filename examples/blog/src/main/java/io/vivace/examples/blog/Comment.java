package io.vivace.examples.blog;

import com.dslplatform.json.CompiledJson;
import io.vertx.sqlclient.Row;

/**
 * A comment of a post, with its author once the second level of includes is loaded.
 *
 * @param author null until loaded
 */
@CompiledJson
public record Comment(long id, long postId, long authorId, String body, String createdAt, User author) {
  static Comment from(Row row) {
    return new Comment(row.getLong(0), row.getLong(1), row.getLong(2), row.getString(3), Rows.time(row, 4), null);
  }

  Comment withAuthor(User user) {
    return new Comment(id, postId, authorId, body, createdAt, user);
  }
}
