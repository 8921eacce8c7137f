package io.vivace.db.eager;

import io.vivace.db.eager.impl.Stitch;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import io.vivace.db.RowMapper;
import io.vivace.db.Sql;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Loads relations for a list of parents without N+1 queries: one query per relation (per chunk of
 * {@value #CHUNK} keys), every relation's query sent at once so siblings travel together, pipelined
 * on the calling event loop's connection. Parent order is kept; see {@link Loaded} for the lookups.
 *
 * <pre>{@code
 * Eager.load(db, posts, AUTHOR, COMMENTS, TAGS).map(loaded -> posts.stream()
 *     .map(p -> new PostView(p, loaded.one(AUTHOR, p), loaded.many(COMMENTS, p), loaded.many(TAGS, p)))
 *     .toList());
 * }</pre>
 *
 * For nested includes, load the next level from {@link Loaded#all}: comments' authors after the
 * comments. Called from any thread; completes on the caller's event loop.
 */
public final class Eager {
  /** Most keys bound in one query; more are split into several queries: {@value}. */
  public static final int CHUNK = 10_000;

  private Eager() {
  }

  /** Loads {@code relations} for {@code parents}. */
  @SafeVarargs
  public static <P> Future<Loaded<P>> load(Sql sql, List<P> parents, Relation<P, ?>... relations) {
    List<Relation<P, ?>> list = new ArrayList<>(relations.length);
    for (Relation<P, ?> r : relations) {
      list.add(r);
    }
    return load(sql, parents, list);
  }

  /** Loads {@code relations} for the items of an offset page. */
  public static <P> Future<Loaded<P>> load(Sql sql, io.vivace.pagination.Page<P> page, List<Relation<P, ?>> relations) {
    return load(sql, page.items(), relations);
  }

  /** Loads {@code relations} (such as those {@link Include} extracted) for {@code parents}. */
  public static <P> Future<Loaded<P>> load(Sql sql, List<P> parents, List<Relation<P, ?>> relations) {
    Map<Relation<P, ?>, Future<Stitch>> pending = new HashMap<>();
    for (Relation<P, ?> relation : relations) {
      pending.put(relation, loadOne(sql, parents, relation));
    }
    return Future.all(new ArrayList<>(pending.values())).map(done -> {
      Map<Relation<P, ?>, Stitch> byRelation = new HashMap<>();
      pending.forEach((relation, index) -> byRelation.put(relation, index.result()));
      return new Loaded<>(parents, byRelation);
    });
  }

  private static <P> Future<Stitch> loadOne(Sql sql, List<P> parents, Relation<P, ?> relation) {
    Set<Object> keys = new LinkedHashSet<>();
    for (P parent : parents) {
      Object key = relation.parentKey.apply(parent);
      if (key != null) {
        keys.add(key);
      }
    }
    if (keys.isEmpty()) {
      return Future.succeededFuture(Stitch.hashed(List.of(), 0));
    }
    List<Object> all = new ArrayList<>(keys);
    List<Future<List<Object[]>>> chunks = new ArrayList<>();
    for (int from = 0; from < all.size(); from += CHUNK) {
      List<Object> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
      chunks.add(sql.list(relation.sql, Tuple.of(array(chunk)), keyed(relation)));
    }
    return Future.all(chunks).map(done -> {
      if (chunks.size() == 1) {
        return Stitch.index(chunks.get(0).result(), keys.size());
      }
      List<Object[]> pairs = new ArrayList<>();
      for (Future<List<Object[]>> chunk : chunks) {
        pairs.addAll(chunk.result());
      }
      return Stitch.index(pairs, keys.size());
    });
  }

  /** Maps a row to {key it belongs under, value}. */
  @SuppressWarnings("unchecked")
  private static <P, C> RowMapper<Object[]> keyed(Relation<P, C> relation) {
    if (relation.kind == Relation.Kind.MANY_TO_MANY) {
      return row -> new Object[] {relation.linkKey.map(row), relation.mapper.map(row)};
    }
    return row -> {
      C value = relation.mapper.map(row);
      return new Object[] {((java.util.function.Function<C, Object>) relation.childKey).apply(value), value};
    };
  }

  /** The keys as a typed Java array, bound as one PostgreSQL array parameter (int4[], int8[], text[], uuid[]). */
  static Object array(List<Object> keys) {
    Object first = keys.get(0);
    Object[] array;
    if (first instanceof Integer) {
      array = new Integer[keys.size()];
    } else if (first instanceof Long) {
      array = new Long[keys.size()];
    } else if (first instanceof String) {
      array = new String[keys.size()];
    } else if (first instanceof UUID) {
      array = new UUID[keys.size()];
    } else {
      throw new IllegalArgumentException("relation keys must be Integer, Long, String or UUID, got " + first.getClass().getName());
    }
    try {
      return keys.toArray(array);
    } catch (ArrayStoreException e) {
      throw new IllegalArgumentException("relation keys must all be of one type, like the first: " + first.getClass().getName());
    }
  }
}
