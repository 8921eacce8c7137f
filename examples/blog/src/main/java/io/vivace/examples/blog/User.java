package io.vivace.examples.blog;

import com.dslplatform.json.CompiledJson;
import io.vertx.sqlclient.Row;

/** A user as others see it (the e-mail address stays private): {@code {"id":3,"name":"User 3"}}. */
@CompiledJson
public record User(long id, String name) {
  static User from(Row row) {
    return new User(row.getLong(0), row.getString(1));
  }
}
