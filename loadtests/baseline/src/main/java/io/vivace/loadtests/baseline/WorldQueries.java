package io.vivace.loadtests.baseline;

import com.dslplatform.json.JsonWriter;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
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
 * 1..500 (missing, empty or not a number: 1), each World read by its own SELECT, all N pipelined at
 * once on the verticle's {@link LoopConnection}; updates give each row a new random number and
 * write them with one batched UPDATE, rows sorted by id so that concurrent batches lock in the same
 * order. The answer is a JSON array of the N worlds.
 *
 * <p>Results arrive on the verticle's event loop, so the collector and the shared JSON writer need
 * no synchronization. While the connection is down the answer is 503; any other failure answers
 * 500. Both have an empty body. The caller has added {@code Server} and {@code Date}.
 */
final class WorldQueries {
  private static final Comparator<World> BY_ID = Comparator.comparingInt(World::id);
  private static final JsonWriter.WriteObject<World> WORLD_WRITER = BaselineVerticle.DSL.tryFindWriter(World.class);

  private final LoopConnection db;
  private final JsonWriter writer;

  /**
   * @param db the verticle's connection
   * @param writer the verticle's JSON writer, reset before each use
   */
  WorldQueries(LoopConnection db, JsonWriter writer) {
    this.db = db;
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
    PreparedQuery<RowSet<Row>> select = db.selectWorld();
    PreparedQuery<RowSet<Row>> update = db.updateWorld();
    if (select == null || update == null) {
      BaselineVerticle.unavailable(response);
      return;
    }
    Collector collector = new Collector(new World[n], response, thenUpdate ? update : null);
    for (int i = 0; i < n; i++) {
      select.execute(Tuple.of(randomId())).onComplete(collector);
    }
  }

  /** The N results of one request, in completion order; then the update or the answer, or one 500. */
  private final class Collector implements Handler<AsyncResult<RowSet<Row>>> {
    private final World[] worlds;
    private final HttpServerResponse response;
    /** The batched UPDATE to run once all rows are read, or null for /queries. */
    private final PreparedQuery<RowSet<Row>> update;
    private int received;
    private boolean failed;

    Collector(World[] worlds, HttpServerResponse response, PreparedQuery<RowSet<Row>> update) {
      this.worlds = worlds;
      this.response = response;
      this.update = update;
    }

    @Override
    public void handle(AsyncResult<RowSet<Row>> ar) {
      if (failed) {
        return;
      }
      RowIterator<Row> it = ar.succeeded() ? ar.result().iterator() : null;
      if (it == null || !it.hasNext()) {
        failed = true;
        fail(response);
        return;
      }
      Row row = it.next();
      worlds[received++] = new World(row.getInteger(0), row.getInteger(1));
      if (received == worlds.length) {
        if (update == null) {
          write(worlds, response);
        } else {
          update(update, worlds, response);
        }
      }
    }
  }

  private void update(PreparedQuery<RowSet<Row>> update, World[] read, HttpServerResponse response) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    World[] updated = new World[read.length];
    for (int i = 0; i < read.length; i++) {
      updated[i] = new World(read[i].id(), random.nextInt(1, 10_001));
    }
    Arrays.sort(updated, BY_ID);
    List<Tuple> batch = new ArrayList<>(updated.length);
    for (World w : updated) {
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
