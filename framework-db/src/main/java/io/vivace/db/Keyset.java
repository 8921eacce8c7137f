package io.vivace.db;

import io.vertx.sqlclient.Tuple;
import io.vivace.pagination.CursorRequest;
import io.vivace.problem.FieldError;
import io.vivace.problem.Problem;
import io.vivace.problem.ProblemException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * The sort of a keyset-paginated query: one or more columns, all ascending or all descending,
 * whose values identify a row (end with a unique column, such as the primary key). A page starts
 * after the row its cursor names, so rows inserted meanwhile never shift a page: nothing is
 * repeated, nothing before the cursor is skipped.
 *
 * <pre>{@code
 * Keyset<Post> NEWEST = Keyset.<Post>by("created_at", Keyset.Type.TIMESTAMP, Post::createdAt)
 *     .then("id", Keyset.Type.LONG, Post::id).descending();
 * }</pre>
 *
 * Cursors are opaque to clients: base64url of the last row's values. Immutable and thread-safe.
 */
public final class Keyset<T> {
  /** Column types a cursor can carry. */
  public enum Type {
    INT, LONG, TEXT, UUID, TIMESTAMP
  }

  private record Column<T>(String name, Type type, Function<T, Object> value) {
  }

  private static final char SEPARATOR = '\u001f';

  private final List<Column<T>> columns;
  private final boolean descending;

  private Keyset(List<Column<T>> columns, boolean descending) {
    this.columns = List.copyOf(columns);
    this.descending = descending;
  }

  /**
   * A keyset sorted by {@code column} (a column name of the query's result, not an expression).
   *
   * @param value reads the column's value from a mapped row
   */
  @SuppressWarnings("unchecked")
  public static <T> Keyset<T> by(String column, Type type, Function<T, ?> value) {
    return new Keyset<T>(List.of(new Column<>(checkName(column), type, (Function<T, Object>) value)), false);
  }

  /** This keyset with one more column breaking ties. */
  @SuppressWarnings("unchecked")
  public Keyset<T> then(String column, Type type, Function<T, ?> value) {
    List<Column<T>> more = new ArrayList<>(columns);
    more.add(new Column<>(checkName(column), type, (Function<T, Object>) value));
    return new Keyset<>(more, descending);
  }

  /** This keyset in descending order. */
  public Keyset<T> descending() {
    return new Keyset<>(columns, true);
  }

  private static String checkName(String column) {
    Objects.requireNonNull(column, "column");
    if (!column.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("keyset column must be a plain column name, got '" + column + "'");
    }
    return column;
  }

  /** The number of columns. */
  public int size() {
    return columns.size();
  }

  /** {@code ORDER BY a, b} (with DESC when descending). */
  public String orderBy() {
    StringBuilder b = new StringBuilder(" ORDER BY ");
    for (int i = 0; i < columns.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(columns.get(i).name()).append(descending ? " DESC" : "");
    }
    return b.toString();
  }

  /** {@code WHERE (a, b) > ($k, $k+1)}, parameters numbered from {@code first}. */
  public String after(int first) {
    StringBuilder b = new StringBuilder(" WHERE (");
    for (int i = 0; i < columns.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(columns.get(i).name());
    }
    b.append(descending ? ") < (" : ") > (");
    for (int i = 0; i < columns.size(); i++) {
      b.append(i == 0 ? "" : ", ").append('$').append(first + i);
    }
    return b.append(')').toString();
  }

  /** The cursor naming {@code row}. */
  public String cursorOf(T row) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        b.append(SEPARATOR);
      }
      b.append(columns.get(i).value().apply(row));
    }
    return CursorRequest.cursorOf(b.toString());
  }

  /**
   * Adds the values a cursor carries to {@code params}.
   *
   * @throws ProblemException 400 naming {@code cursor} when it is not one of this keyset's: not
   *     base64url, the wrong number of values, a value not of its column's type, a timestamp
   *     outside PostgreSQL's range, a text with a NUL character
   */
  public void addValues(String cursor, Tuple params) {
    try {
      String[] parts = new CursorRequest(cursor, 1).position().split(String.valueOf(SEPARATOR), -1);
      if (parts.length != columns.size()) {
        throw new IllegalArgumentException("arity");
      }
      for (int i = 0; i < parts.length; i++) {
        params.addValue(parse(columns.get(i).type(), parts[i]));
      }
    } catch (RuntimeException e) {
      throw new ProblemException(Problem.of(400, "The query parameter 'cursor' is not a cursor of this list.",
          List.of(FieldError.query("cursor", "is not a cursor of this list"))));
    }
  }

  /** Values PostgreSQL takes, checked so a forged cursor is a 400 rather than a database error. */
  private static Object parse(Type type, String text) {
    switch (type) {
      case INT:
        return Integer.valueOf(text);
      case LONG:
        return Long.valueOf(text);
      case UUID:
        return UUID.fromString(text);
      case TIMESTAMP:
        return timestamp(text);
      default:
        if (text.indexOf('\0') >= 0) {
          throw new IllegalArgumentException("PostgreSQL text cannot hold NUL");
        }
        return text;
    }
  }

  /** The earliest and latest instants of PostgreSQL's {@code timestamptz} (4713 BC to 294276 AD). */
  private static final java.time.Instant PG_MIN = java.time.Instant.parse("-4713-11-24T00:00:00Z");
  private static final java.time.Instant PG_MAX = java.time.Instant.parse("+294276-12-31T23:59:59.999999Z");

  private static OffsetDateTime timestamp(String text) {
    OffsetDateTime t = OffsetDateTime.parse(text);
    java.time.Instant i = t.toInstant();
    if (i.isBefore(PG_MIN) || i.isAfter(PG_MAX)) {
      throw new IllegalArgumentException("outside PostgreSQL's timestamp range: " + text);
    }
    return t;
  }
}
