package io.vivace.db.impl;

import com.dslplatform.json.JsonWriter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import io.vivace.db.RowMapper;
import io.vivace.json.Json;
import io.vivace.response.Streamed;

/**
 * Streams a query's rows as a JSON array or NDJSON: a PostgreSQL cursor ({@code fetch} rows at a
 * time) inside a read transaction on one connection, each row serialized and written as it comes,
 * the cursor paused while the response's write queue is full. Memory stays constant whatever the
 * row count. Runs on the event loop.
 */
final class RowStreamBody<T> implements Streamed {
  private final Pool pool;
  private final String sql;
  private final Tuple params;
  private final RowMapper<T> mapper;
  private final int fetch;
  private final boolean ndjson;

  RowStreamBody(Pool pool, String sql, Tuple params, RowMapper<T> mapper, int fetch, boolean ndjson) {
    this.pool = pool;
    this.sql = sql;
    this.params = params;
    this.mapper = mapper;
    this.fetch = fetch;
    this.ndjson = ndjson;
  }

  @Override
  public String contentType() {
    return ndjson ? "application/x-ndjson" : "application/json";
  }

  @Override
  public Future<Void> writeTo(HttpServerResponse response) {
    return pool.getConnection().recover(e -> Future.failedFuture(DbProblems.map(e))).compose(conn ->
        conn.begin().compose(tx -> conn.prepare(sql).compose(ps -> pipe(ps.createStream(fetch, params), response)
            .eventually(tx::rollback))) // read-only: nothing to commit
            .eventually(conn::close));
  }

  private Future<Void> pipe(RowStream<Row> rows, HttpServerResponse response) {
    Promise<Void> done = Promise.promise();
    boolean[] first = {true};
    JsonWriter w = Json.dsl().newWriter(512);
    rows.exceptionHandler(done::tryFail);
    rows.endHandler(v -> {
      if (!ndjson) {
        response.write(first[0] ? "[]" : "]");
      }
      response.end().onComplete(done);
    });
    rows.handler(row -> {
      w.reset();
      if (!ndjson) {
        w.writeByte(first[0] ? JsonWriter.ARRAY_START : JsonWriter.COMMA);
      }
      first[0] = false;
      Json.write(w, mapper.map(row));
      if (ndjson) {
        w.writeByte((byte) '\n');
      }
      response.write(Buffer.buffer(w.size()).appendBytes(w.getByteBuffer(), 0, w.size()));
      if (response.writeQueueFull()) {
        rows.pause();
        response.drainHandler(d -> rows.resume());
      }
    });
    response.closeHandler(v -> {
      rows.close();
      done.tryFail("the client closed the connection");
    });
    return done.future();
  }
}
