package io.vivace.examples.techempower;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.sqlclient.Tuple;
import io.vivace.db.Database;
import io.vivace.extract.RequestExtractor;
import io.vivace.openapi.ExtractorDoc;
import io.vivace.openapi.ParamDoc;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The database test types: {@code /db}, {@code /queries}, {@code /updates}. Every World is read
 * with its own SELECT; a request's SELECTs are all sent at once, pipelined on its event loop's
 * connection (allowed by the rules). Updates are written with one batch of the prepared
 * {@code UPDATE ... WHERE id = $2}: the PG client sends every Bind/Execute and a single Sync, so
 * the batch is one round trip and one implicit transaction (the rules allow batched updates, each
 * row with its own value). Rows are sorted by id so that concurrent batches take their row locks
 * in the same order (no deadlock). A single {@code UPDATE ... FROM (VALUES ...)} would need a
 * different SQL text for each count (up to 500 prepared statements, more than a connection's
 * cache keeps), where the batch reuses one statement for every count.
 */
final class Worlds {
  static final String SELECT = "SELECT id, randomnumber FROM world WHERE id = $1";
  static final String UPDATE = "UPDATE world SET randomnumber = $1 WHERE id = $2";
  /** Built once: {@code Comparator.comparingInt} allocates a new comparator per call. */
  private static final Comparator<World> BY_ID = Comparator.comparingInt(World::id);

  /** {@code ?queries=N} clamped to 1..500; missing, empty or not a number counts as 1. */
  static final RequestExtractor<Integer> QUERIES = count("queries");

  /** {@code ?name=N} clamped to 1..500, described for the OpenAPI document (no per-request cost). */
  static RequestExtractor<Integer> count(String name) {
    ExtractorDoc doc = ExtractorDoc.params(new ParamDoc("query", name, Integer.class, false, 1, 1L, 500L, List.of(),
        "rows, clamped to 1..500; missing, empty or not a number counts as 1"));
    return new RequestExtractor<>() {
      @Override
      public Integer extract(HttpServerRequest req) {
        return clamp(req.getParam(name));
      }

      @Override
      public ExtractorDoc describe() {
        return doc;
      }
    };
  }

  private final Database db;

  Worlds(Database db) {
    this.db = db;
  }

  static int clamp(String raw) {
    if (raw == null || raw.isEmpty()) {
      return 1;
    }
    int n = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < '0' || c > '9') {
        return 1;
      }
      n = Math.min(500, n * 10 + (c - '0')); // capped as it goes: no overflow
    }
    return Math.max(1, n);
  }

  static int randomId() {
    return ThreadLocalRandom.current().nextInt(1, 10_001);
  }

  Future<World> one() {
    return db.one(SELECT, Tuple.of(randomId()), World::from);
  }

  Future<List<World>> many(int count) {
    List<Future<World>> reads = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      reads.add(one());
    }
    return Future.all(reads).map(all -> {
      List<World> worlds = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        worlds.add(all.resultAt(i));
      }
      return worlds;
    });
  }

  Future<List<World>> update(int count) {
    return many(count).compose(read -> {
      List<World> updated = new ArrayList<>(count);
      for (World w : read) {
        updated.add(new World(w.id(), randomId()));
      }
      List<World> byId = new ArrayList<>(updated);
      byId.sort(BY_ID);
      List<Tuple> batch = new ArrayList<>(count);
      for (World w : byId) {
        batch.add(Tuple.of(w.randomNumber(), w.id()));
      }
      return db.batch(UPDATE, batch).map(n -> updated);
    });
  }
}
