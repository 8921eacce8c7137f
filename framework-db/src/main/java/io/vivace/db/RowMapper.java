package io.vivace.db;

import io.vertx.sqlclient.Row;

/**
 * Maps one row to a value, explicitly and without reflection: {@code row -> new World(row.getInteger(0),
 * row.getInteger(1))}. Called on the event loop for every row; it must not block.
 */
@FunctionalInterface
public interface RowMapper<T> {
  T map(Row row);
}
