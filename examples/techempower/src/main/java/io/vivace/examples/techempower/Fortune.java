package io.vivace.examples.techempower;

import io.vertx.sqlclient.Row;

/** A Fortune row. */
public record Fortune(int id, String message) {
  /** Maps {@code SELECT id, message}. */
  static Fortune from(Row row) {
    return new Fortune(row.getInteger(0), row.getString(1));
  }
}
