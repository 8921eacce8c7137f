package io.vivace.loadtests.baseline;

import com.dslplatform.json.JsonWriter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code /db} and {@code /fortunes} of one {@link BaselineVerticle}, on that verticle's own
 * {@link LoopConnection}: one query per request, pipelined with the other requests' queries on the
 * event loop's one connection, the prepared query created once per connection.
 *
 * <p>Query results arrive on the verticle's event loop (the connection was opened on it), so the
 * shared JSON writer and the response need no synchronization. While the connection is down the
 * answer is 503; any other failure (query, mapping, rendering) answers 500. Both have an empty
 * body. The caller has already added the {@code Server} and {@code Date} headers.
 */
final class DbEndpoints {
  /** Queries in flight per connection, as TechEmpower's Vert.x entries (and the PG client's default). */
  static final int PIPELINING_LIMIT = 256;

  private static final CharSequence TEXT_HTML = HttpHeaders.createOptimized("text/html; charset=utf-8");
  private static final Comparator<Fortune> BY_MESSAGE = Comparator.comparing(Fortune::message);
  private static final JsonWriter.WriteObject<World> WORLD_WRITER = BaselineVerticle.DSL.tryFindWriter(World.class);

  static {
    if (WORLD_WRITER == null) {
      throw new IllegalStateException("No generated DSL-JSON converter for World: is the annotation processor on?");
    }
  }

  private final LoopConnection db;
  /** The verticle's JSON writer (also used by /json): every use resets, writes and copies it out at once. */
  private final JsonWriter writer;

  DbEndpoints(LoopConnection db, JsonWriter writer) {
    this.db = db;
    this.writer = writer;
  }

  /**
   * Connection options from {@code postgres://user[:password]@host[:port]/database} (also
   * {@code postgresql://}): port 5432, user and database {@code postgres} when left out, user and
   * password percent-decoded.
   *
   * @throws IllegalArgumentException when it is not such a URL (the message never shows the value,
   *     which may hold a password)
   */
  static PgConnectOptions connectOptions(String databaseUrl) {
    URI uri;
    try {
      uri = new URI(databaseUrl.trim());
    } catch (URISyntaxException e) {
      throw invalidUrl();
    }
    if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())
        || uri.getHost() == null || uri.getHost().isEmpty()) {
      throw invalidUrl();
    }
    String user = "postgres";
    String password = null;
    String info = uri.getRawUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      String name = decode(colon < 0 ? info : info.substring(0, colon));
      user = name.isEmpty() ? user : name;
      password = colon < 0 ? null : decode(info.substring(colon + 1));
    }
    String path = uri.getPath();
    PgConnectOptions options = new PgConnectOptions()
        .setHost(uri.getHost())
        .setPort(uri.getPort() == -1 ? 5432 : uri.getPort())
        .setDatabase(path == null || path.length() <= 1 ? "postgres" : path.substring(1))
        .setUser(user)
        .setPipeliningLimit(PIPELINING_LIMIT)
        .setCachePreparedStatements(true);
    if (password != null) {
      options.setPassword(password);
    }
    return options;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException invalidUrl() {
    return new IllegalArgumentException("DATABASE_URL: expected postgres://user[:password]@host[:port]/database");
  }

  /** {@code /db}: one random World as JSON. */
  void world(HttpServerResponse response) {
    PreparedQuery<RowSet<Row>> selectWorld = db.selectWorld();
    if (selectWorld == null) {
      BaselineVerticle.unavailable(response);
      return;
    }
    selectWorld.execute(Tuple.of(ThreadLocalRandom.current().nextInt(1, 10_001))).onComplete(rows -> {
      RowIterator<Row> it = rows.iterator();
      if (!it.hasNext()) {
        fail(response);
        return;
      }
      Row row = it.next();
      JsonWriter w = writer;
      w.reset();
      WORLD_WRITER.write(w, new World(row.getInteger(0), row.getInteger(1)));
      int size = w.size();
      Buffer body = Buffer.buffer(size).appendBytes(w.getByteBuffer(), 0, size);
      response.headers().add(BaselineVerticle.CONTENT_TYPE, BaselineVerticle.APPLICATION_JSON);
      response.end(body);
    }, err -> fail(response));
  }

  /** {@code /fortunes}: every Fortune plus one added now, sorted by message, rendered as HTML ({@link FortunesPage}). */
  void fortunes(HttpServerResponse response) {
    PreparedQuery<RowSet<Row>> selectFortunes = db.selectFortunes();
    if (selectFortunes == null) {
      BaselineVerticle.unavailable(response);
      return;
    }
    selectFortunes.execute().onComplete(rows -> {
      Buffer html;
      try {
        List<Fortune> fortunes = new ArrayList<>(rows.size() + 1);
        for (Row row : rows) {
          fortunes.add(new Fortune(row.getInteger(0), row.getString(1)));
        }
        fortunes.add(new Fortune(0, "Additional fortune added at request time."));
        fortunes.sort(BY_MESSAGE);
        html = FortunesPage.render(fortunes);
      } catch (RuntimeException e) {
        fail(response);
        return;
      }
      response.headers().add(BaselineVerticle.CONTENT_TYPE, TEXT_HTML);
      response.end(html);
    }, err -> fail(response));
  }

  /** 500 with an empty body, unless the response is already gone. */
  private static void fail(HttpServerResponse response) {
    if (!response.ended() && !response.closed()) {
      response.setStatusCode(500).end();
    }
  }
}
