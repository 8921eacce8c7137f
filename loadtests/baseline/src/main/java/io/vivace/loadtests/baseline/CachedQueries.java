package io.vivace.loadtests.baseline;

import com.dslplatform.json.JsonWriter;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;

/**
 * {@code /cached-queries?count=N} of one {@link BaselineVerticle}: N random Worlds through one
 * Caffeine {@link AsyncCache} shared by every verticle (bounded to the 10,000 rows and kept without
 * expiry, as TechEmpower's Vert.x entries keep theirs), loaded on a miss through the calling
 * verticle's own {@link LoopConnection} (a failed load, for example while it is down, answers 500). Written as an
 * expert would on raw Vert.x: Caffeine's upkeep runs on its default executor, off the event loop;
 * a request whose rows are all cached is answered at once without a future, and a request that
 * waits for a load started by another event loop is answered back on its own loop.
 */
final class CachedQueries {
  /** The rows, shared by all verticles (Caffeine is thread-safe). */
  static final AsyncCache<Integer, World> CACHE = Caffeine.newBuilder()
      .maximumSize(10_000)
      .buildAsync();

  private final JsonWriter writer;
  private final Context context;
  /** The read-through loader, built once (no lambda per request). */
  private final BiFunction<Integer, Executor, CompletableFuture<World>> loader;

  CachedQueries(LoopConnection db, JsonWriter writer, Context context) {
    this.writer = writer;
    this.context = context;
    this.loader = (id, executor) -> {
      PreparedQuery<RowSet<Row>> select = db.selectWorld();
      if (select == null) {
        return CompletableFuture.failedFuture(new IllegalStateException("no database connection"));
      }
      return select.execute(Tuple.of(id)).map(CachedQueries::world).toCompletionStage().toCompletableFuture();
    };
  }

  private static World world(RowSet<Row> rows) {
    RowIterator<Row> it = rows.iterator();
    if (!it.hasNext()) {
      throw new NoSuchElementException("no such world");
    }
    Row row = it.next();
    return new World(row.getInteger(0), row.getInteger(1));
  }

  @SuppressWarnings("unchecked")
  void handle(HttpServerRequest request, HttpServerResponse response) {
    int count = WorldQueries.count(request.getParam("count"));
    ThreadLocalRandom random = ThreadLocalRandom.current();
    World[] out = new World[count];
    CompletableFuture<World>[] pending = null;
    int waiting = 0;
    for (int i = 0; i < count; i++) {
      CompletableFuture<World> f = CACHE.get(random.nextInt(1, 10_001), loader);
      if (f.isDone() && !f.isCompletedExceptionally()) {
        out[i] = f.join();
      } else {
        if (pending == null) {
          pending = (CompletableFuture<World>[]) new CompletableFuture<?>[count];
        }
        pending[i] = f;
        waiting++;
      }
    }
    if (pending == null) {
      WorldQueries.write(writer, out, response);
      return;
    }
    CompletableFuture<World>[] waits = pending;
    CompletableFuture<?>[] all = new CompletableFuture<?>[waiting];
    for (int i = 0, j = 0; i < count; i++) {
      if (waits[i] != null) {
        all[j++] = waits[i];
      }
    }
    CompletableFuture.allOf(all).whenComplete((v, t) -> {
          if (Vertx.currentContext() == context) {
            finish(response, out, waits, t);
          } else {
            context.runOnContext(x -> finish(response, out, waits, t));
          }
        });
  }

  private void finish(HttpServerResponse response, World[] out, CompletableFuture<World>[] waits, Throwable t) {
    if (t != null) {
      if (!response.ended() && !response.closed()) {
        response.setStatusCode(500).end();
      }
      return;
    }
    for (int i = 0; i < out.length; i++) {
      if (waits[i] != null) {
        out[i] = waits[i].join();
      }
    }
    WorldQueries.write(writer, out, response);
  }
}
