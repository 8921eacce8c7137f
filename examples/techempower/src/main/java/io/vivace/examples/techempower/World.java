package io.vivace.examples.techempower;

import com.dslplatform.json.CompiledJson;
import com.dslplatform.json.JsonAttribute;
import io.vertx.sqlclient.Row;

/** A World row: {@code {"id":3217,"randomNumber":2149}}. */
@CompiledJson
public record World(int id, @JsonAttribute(name = "randomNumber") int randomNumber) {
  /** Maps {@code SELECT id, randomnumber}. */
  static World from(Row row) {
    return new World(row.getInteger(0), row.getInteger(1));
  }
}
