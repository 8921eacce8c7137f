package io.vivace.loadtests.baseline;

import com.dslplatform.json.JsonWriter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code /queries?queries=N} and {@code /updates?queries=N} of one {@link BaselineVerticle}, by the
 * TechEmpower rules and with the same SQL as the techempower example's {@code Worlds}: N clamped to
 * 1..500 (missing, empty or not a number: 1), each World read by its own SELECT (all N in flight at
 * once, pipelined on the pool's connections); updates give each row a new random number and write
 * them with one batched UPDATE, rows sorted by id so that concurrent batches lock in the same order.
 * The answer is a JSON array of the N worlds, in read order.
 *
 * <p>Results arrive on the verticle's event loop, so the counters and the shared JSON writer need
 * no synchronization. Any failure answers 500 with an empty body. The caller has added
 * {@code Server} and {@code Date}.
 */
final class WorldQueries {
  /** The same SQL as {@code DbEndpoints} and the techempower example's {@code Worlds}. */
  private static final String SELECT = "SELECT id, randomnumber FROM world WHERE id = $1";
  private static final String UPDATE = "UPDATE world SET randomnumber = $1 WHERE id = $2";
  private static final Comparator<World> BY_ID = Comparator.comparingInt(World::id);
  private static final JsonWriter.WriteObject<World> WORLD_WRITER = BaselineVerticle.DSL.tryFindWriter(World.class);

  private final PreparedQuery<RowSet<Row>> select;
  private final PreparedQuery<RowSet<Row>> update;
  private final JsonWriter writer;

  /**
   * @param pool the shared pool
   * @param writer the verticle's JSON writer, reset before each use
   */
  WorldQueries(Pool pool, JsonWriter writer) {
    this.select = pool.preparedQuery(SELECT);
    this.update = pool.preparedQuery(UPDATE);
    this.writer = writer;
  }

  /** {@code ?queries=N} as the rules read it: 1..500; missing, empty or not a number counts as 1. */
  static int count(String raw) {
    if (raw == null || raw.isEmpty()) {
      return 1;
    }
    int n = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < '0' || c > '9') {
        return 1;
      }
      n = Math.min(500, n * 10 + (c - '0'));
    }
    return Math.max(1, n);
  }

  void queries(HttpServerRequest request, HttpServerResponse response) {
    read(count(request.getParam("queries")), response, false);
  }

  void updates(HttpServerRequest request, HttpServerResponse response) {
    read(count(request.getParam("queries")), response, true);
  }

  private void read(int n, HttpServerResponse response, boolean thenUpdate) {
    World[] worlds = new World[n];
    int[] pending = {n};
    boolean[] failed = {false};
    for (int i = 0; i < n; i++) {
      int slot = i;
      select.execute(Tuple.of(randomId())).onComplete(rows -> {
        if (failed[0]) {
          return;
        }
        RowIterator<Row> it = rows.iterator();
        if (!it.hasNext()) {
          failed[0] = true;
          fail(response);
          return;
        }
        Row row = it.next();
        worlds[slot] = new World(row.getInteger(0), row.getInteger(1));
        if (--pending[0] == 0) {
          if (thenUpdate) {
            update(worlds, response);
          } else {
            write(worlds, response);
          }
        }
      }, err -> {
        if (!failed[0]) {
          failed[0] = true;
          fail(response);
        }
      });
    }
  }

  private void update(World[] read, HttpServerResponse response) {
    World[] updated = new World[read.length];
    for (int i = 0; i < read.length; i++) {
      updated[i] = new World(read[i].id(), randomId());
    }
    World[] byId = updated.clone();
    Arrays.sort(byId, BY_ID);
    List<Tuple> batch = new ArrayList<>(byId.length);
    for (World w : byId) {
      batch.add(Tuple.of(w.randomNumber(), w.id()));
    }
    update.executeBatch(batch).onComplete(done -> write(updated, response), err -> fail(response));
  }

  private void write(World[] worlds, HttpServerResponse response) {
    write(writer, worlds, response);
  }

  /** Ends {@code response} with {@code worlds} as a JSON array written by {@code w} (reset first). */
  static void write(JsonWriter w, World[] worlds, HttpServerResponse response) {
    w.reset();
    w.writeByte(JsonWriter.ARRAY_START);
    for (int i = 0; i < worlds.length; i++) {
      if (i > 0) {
        w.writeByte(JsonWriter.COMMA);
      }
      WORLD_WRITER.write(w, worlds[i]);
    }
    w.writeByte(JsonWriter.ARRAY_END);
    int size = w.size();
    Buffer body = Buffer.buffer(size).appendBytes(w.getByteBuffer(), 0, size);
    response.headers().add(BaselineVerticle.CONTENT_TYPE, BaselineVerticle.APPLICATION_JSON);
    response.end(body);
  }

  private static int randomId() {
    return ThreadLocalRandom.current().nextInt(1, 10_001);
  }

  private static void fail(HttpServerResponse response) {
    if (!response.ended() && !response.closed()) {
      response.setStatusCode(500).end();
    }
  }
}
