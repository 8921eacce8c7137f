package io.vivace.loadtests.realtime;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server-Sent Events fan-out on the blog: {@code subscribers} streams of
 * {@code /posts/:id/comments/live} (each waits for its {@code subscribed} event), then
 * {@code rounds} comments posted one after another through {@code POST /posts/:id/comments}; for
 * each, the time from sending the POST until the last subscriber has the comment's event. Signs up
 * and logs in its own account for the bearer token.
 */
final class SseFanout {
  private SseFanout() {
  }

  static String run(Vertx vertx, URI base, long post, int subscribers, int rounds) throws Exception {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(base.getHost())
        .setDefaultPort(base.getPort()).setConnectTimeout(30_000), new PoolOptions().setHttp1MaxSize(subscribers + 4));
    String token = token(client);
    Sub[] subs = new Sub[subscribers];
    CountDownLatch subscribed = new CountDownLatch(subscribers);
    for (int i = 0; i < subscribers; i++) {
      Context context = vertx.getOrCreateContext();
      Sub s = subs[i] = new Sub();
      s.onSubscribed = subscribed::countDown;
      context.runOnContext(v -> client.request(HttpMethod.GET, "/posts/" + post + "/comments/live")
          .compose(req -> req.send()).onSuccess(resp -> resp.handler(s::bytes)).onFailure(e -> {
            System.err.println("subscribe failed: " + e);
            System.exit(1);
          }));
    }
    if (!subscribed.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException(subscribed.getCount() + " of " + subscribers + " not subscribed within 120 s");
    }
    Latencies last = new Latencies();
    Latencies median = new Latencies();
    for (int r = 0; r < rounds; r++) {
      String body = new JsonObject().put("body", "fan-out round " + r).encode();
      CountDownLatch all = new CountDownLatch(subscribers);
      for (Sub s : subs) {
        s.arrivals = all;
      }
      long t0 = System.nanoTime();
      JsonObject created = await(client.request(new RequestOptions().setMethod(HttpMethod.POST)
              .setURI("/posts/" + post + "/comments").putHeader("Authorization", "Bearer " + token)
              .putHeader("Content-Type", "application/json"))
          .compose(req -> req.send(body))
          .compose(resp -> resp.body().map(Buffer::toJsonObject)));
      if (!all.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException(all.getCount() + " subscribers did not get comment " + created.getLong("id"));
      }
      long[] times = new long[subscribers];
      for (int i = 0; i < subscribers; i++) {
        times[i] = subs[i].arrivedAt.get() - t0;
      }
      java.util.Arrays.sort(times);
      last.add(times[subscribers - 1]);
      median.add(times[subscribers / 2]);
    }
    client.close();
    return String.format("sse-fanout %s post %d: %d subscribers, %d rounds; until the last has it: %s; until half have it: %s",
        base, post, subscribers, rounds, last.summary(), median.summary());
  }

  private static String token(HttpClient client) throws Exception {
    String email = "load-" + System.nanoTime() + "@example.com";
    String login = new JsonObject().put("email", email).put("password", "a long password for load").encode();
    await(post(client, "/auth/signup", login));
    return await(post(client, "/auth/login", login)).getString("accessToken");
  }

  private static Future<JsonObject> post(HttpClient client, String path, String json) {
    return client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI(path).putHeader("Content-Type", "application/json"))
        .compose(req -> req.send(json)).compose(resp -> resp.body().map(b -> {
          if (resp.statusCode() >= 300) {
            throw new IllegalStateException(path + ": " + resp.statusCode() + " " + b);
          }
          return b.toJsonObject();
        }));
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** One stream: finds the {@code event: subscribed} and {@code event: comment} lines in what arrives. */
  private static final class Sub {
    final AtomicLong arrivedAt = new AtomicLong();
    volatile CountDownLatch arrivals;
    volatile Runnable onSubscribed;
    private final StringBuilder pending = new StringBuilder();

    void bytes(Buffer b) {
      long now = System.nanoTime();
      pending.append(b.toString(StandardCharsets.UTF_8));
      int end;
      while ((end = pending.indexOf("\n\n")) >= 0) {
        String event = pending.substring(0, end);
        pending.delete(0, end + 2);
        if (event.startsWith("event: subscribed")) {
          onSubscribed.run();
        } else if (event.startsWith("event: comment")) {
          arrivedAt.set(now);
          CountDownLatch a = arrivals;
          if (a != null) {
            a.countDown();
          }
        }
      }
    }
  }
}
