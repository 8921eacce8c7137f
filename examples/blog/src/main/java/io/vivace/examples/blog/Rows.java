package io.vivace.examples.blog;

import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** Column helpers shared by the row mappers. */
final class Rows {
  private Rows() {
  }

  /** A {@code timestamptz} column as ISO-8601 with its offset, seconds always written: {@code 2024-01-01T10:00:00Z}. */
  static String time(Row row, int column) {
    OffsetDateTime t = row.getOffsetDateTime(column);
    return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
  }
}
