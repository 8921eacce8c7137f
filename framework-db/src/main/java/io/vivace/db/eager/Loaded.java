package io.vivace.db.eager;

import io.vivace.db.eager.impl.Stitch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The related rows loaded for a list of parents, looked up by relation and parent:
 * {@code loaded.many(COMMENTS, post)} (never null: an empty list for a parent without any),
 * {@code loaded.one(AUTHOR, post)} (null when there is none). Immutable.
 */
public final class Loaded<P> {
  private final List<P> parents;
  private final Map<Relation<P, ?>, Stitch> byRelation;

  Loaded(List<P> parents, Map<Relation<P, ?>, Stitch> byRelation) {
    this.parents = List.copyOf(parents);
    this.byRelation = byRelation;
  }

  /** The parents, in the order given. */
  public List<P> parents() {
    return parents;
  }

  /** The related rows of {@code parent} (has-many, many-to-many), in the query's order. */
  @SuppressWarnings("unchecked")
  public <C> List<C> many(Relation<P, C> relation, P parent) {
    List<Object> rows = index(relation).get(relation.parentKey.apply(parent));
    return rows == null ? List.of() : (List<C>) Collections.unmodifiableList(rows);
  }

  /** The related row of {@code parent} (belongs-to, has-one), or null. */
  @SuppressWarnings("unchecked")
  public <C> C one(Relation<P, C> relation, P parent) {
    Object key = relation.parentKey.apply(parent);
    if (key == null) {
      return null;
    }
    List<Object> rows = index(relation).get(key);
    return rows == null || rows.isEmpty() ? null : (C) rows.get(0);
  }

  /** Every distinct related row, for loading the next level (comments, then their authors). */
  @SuppressWarnings("unchecked")
  public <C> List<C> all(Relation<P, C> relation) {
    List<C> out = new ArrayList<>();
    java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (List<Object> rows : index(relation).groups()) {
      for (Object row : rows) {
        if (seen.add(row)) {
          out.add((C) row);
        }
      }
    }
    return out;
  }

  private Stitch index(Relation<P, ?> relation) {
    Stitch index = byRelation.get(relation);
    if (index == null) {
      throw new IllegalArgumentException("this relation was not loaded");
    }
    return index;
  }
}
