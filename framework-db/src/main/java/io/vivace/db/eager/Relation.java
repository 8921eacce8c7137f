package io.vivace.db.eager;

import io.vivace.db.RowMapper;
import java.util.Objects;
import java.util.function.Function;

/**
 * A relation from parents of type {@code P} to related rows of type {@code C}, loaded for many
 * parents with one query: {@code ... WHERE key = ANY($1)} with the parents' keys as one array
 * parameter, so one prepared statement serves any number of parents. Immutable and thread-safe;
 * declare relations once, as constants.
 *
 * <pre>{@code
 * Relation<Post, Comment> COMMENTS = Relation.hasMany(
 *     "SELECT id, post_id, body FROM comment WHERE post_id = ANY($1) ORDER BY id",
 *     Comment::from, Post::id, Comment::postId);
 * Relation<Post, User> AUTHOR = Relation.belongsTo(
 *     "SELECT id, name FROM users WHERE id = ANY($1)", User::from, Post::authorId, User::id);
 * }</pre>
 *
 * Keys are {@code Integer}, {@code Long}, {@code String} or {@code UUID} (a PostgreSQL array of
 * them is bound for {@code $1}).
 *
 * @param <P> the parent type
 * @param <C> the related type
 */
public final class Relation<P, C> {
  /** How many related rows a parent has. */
  public enum Kind {
    /** Many children point at the parent (comments of a post). */
    HAS_MANY,
    /** At most one child points at the parent (the profile of a user). */
    HAS_ONE,
    /** The parent points at one row that many parents may share (the author of a post). */
    BELONGS_TO,
    /** Rows linked through a join table (tags of a post); the query returns the parent key too. */
    MANY_TO_MANY
  }

  final Kind kind;
  final String sql;
  final RowMapper<C> mapper;
  final Function<P, ?> parentKey;
  final Function<C, ?> childKey;
  final RowMapper<?> linkKey;

  private Relation(Kind kind, String sql, RowMapper<C> mapper, Function<P, ?> parentKey, Function<C, ?> childKey,
      RowMapper<?> linkKey) {
    this.kind = kind;
    this.sql = Objects.requireNonNull(sql, "sql");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.parentKey = Objects.requireNonNull(parentKey, "parentKey");
    this.childKey = childKey;
    this.linkKey = linkKey;
    if (!sql.contains("$1")) {
      throw new IllegalArgumentException("a relation query takes the keys as $1 (... = ANY($1)), got: " + sql);
    }
  }

  /**
   * Children that point at their parent: {@code sql} selects them by the foreign key
   * ({@code WHERE post_id = ANY($1)}); {@code parentKey} is the parent's key, {@code foreignKey} the
   * child's pointer to it. A parent without children gets an empty list.
   */
  public static <P, C> Relation<P, C> hasMany(String sql, RowMapper<C> mapper, Function<P, ?> parentKey,
      Function<C, ?> foreignKey) {
    return new Relation<>(Kind.HAS_MANY, sql, mapper, parentKey, foreignKey, null);
  }

  /** Like {@link #hasMany}, with at most one child per parent (none gives null). */
  public static <P, C> Relation<P, C> hasOne(String sql, RowMapper<C> mapper, Function<P, ?> parentKey,
      Function<C, ?> foreignKey) {
    return new Relation<>(Kind.HAS_ONE, sql, mapper, parentKey, foreignKey, null);
  }

  /**
   * The row each parent points at: {@code sql} selects rows by their key ({@code WHERE id = ANY($1)});
   * {@code foreignKey} is the parent's pointer (null for none), {@code key} the row's key. Parents
   * sharing a row all get it; each row is read once.
   */
  public static <P, C> Relation<P, C> belongsTo(String sql, RowMapper<C> mapper, Function<P, ?> foreignKey,
      Function<C, ?> key) {
    return new Relation<>(Kind.BELONGS_TO, sql, mapper, foreignKey, key, null);
  }

  /**
   * Rows linked through a join table: {@code sql} joins it and selects by the parent key
   * ({@code SELECT pt.post_id, t.id, t.name FROM post_tag pt JOIN tag t ON t.id = pt.tag_id WHERE
   * pt.post_id = ANY($1)}); {@code linkKey} reads the parent key from the row and {@code mapper}
   * the related value.
   */
  public static <P, C> Relation<P, C> manyToMany(String sql, RowMapper<?> linkKey, RowMapper<C> mapper,
      Function<P, ?> parentKey) {
    return new Relation<>(Kind.MANY_TO_MANY, sql, mapper, parentKey, null, Objects.requireNonNull(linkKey, "linkKey"));
  }

  public Kind kind() {
    return kind;
  }
}
