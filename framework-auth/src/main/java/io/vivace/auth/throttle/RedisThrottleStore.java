package io.vivace.auth.throttle;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@link ThrottleStore} in Redis through one Lettuce connection (commands are pipelined on it).
 * A hit is one Lua script, so the count and the expiry are set atomically. Lettuce completes on
 * its own threads; results are brought back to the caller's Vert.x context. Thread-safe.
 */
final class RedisThrottleStore implements ThrottleStore {
  /** INCR, then an expiry for a new counter (or one that lost it), then the time left. */
  private static final String HIT = "local c = redis.call('INCR', KEYS[1])\n"
      + "local t = redis.call('PTTL', KEYS[1])\n"
      + "if c == 1 or t < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); t = tonumber(ARGV[1]) end\n"
      + "return {c, t}";

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RedisThrottleStore.class);
  /** Commands that take longer fail (and the login answers 503). */
  static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(2);
  private static final io.vivace.problem.ProblemException UNAVAILABLE = io.vivace.problem.ProblemException.of(503,
      "Logins are unavailable right now; try again shortly.");

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisAsyncCommands<String, String> redis;
  private final String prefix;

  /** Connects (blocking: call it off the event loop). */
  RedisThrottleStore(String url, String prefix) {
    this.prefix = java.util.Objects.requireNonNull(prefix, "prefix");
    io.lettuce.core.RedisURI uri = io.lettuce.core.RedisURI.create(url);
    uri.setTimeout(TIMEOUT);
    this.client = RedisClient.create(uri);
    try {
      this.connection = client.connect();
    } catch (RuntimeException e) {
      client.shutdown();
      throw e;
    }
    this.redis = connection.async();
  }

  /** The result on the caller's context; a Redis failure (down, timed out) becomes a 503. */
  private static <T> Future<T> back(java.util.function.Supplier<CompletionStage<T>> command) {
    Context ctx = Vertx.currentContext();
    Future<T> f;
    try {
      CompletionStage<T> stage = command.get();
      f = ctx == null ? Future.fromCompletionStage(stage) : Future.fromCompletionStage(stage, ctx);
    } catch (RuntimeException e) { // Lettuce refuses some commands at once (a closed client)
      f = Future.failedFuture(e);
    }
    return f.recover(e -> {
      LOG.warn("Login throttling cannot reach Redis", e);
      return Future.failedFuture(UNAVAILABLE);
    });
  }

  @Override
  public Future<Hit> hit(String key, long windowMs) {
    return back(() -> redis.<List<Object>>eval(HIT, ScriptOutputType.MULTI, new String[] {prefix + key},
        Long.toString(windowMs))).map(r -> new Hit((Long) r.get(0), (Long) r.get(1)));
  }

  @Override
  public Future<Long> ttl(String key) {
    return back(() -> redis.pttl(prefix + key)).map(t -> t == null || t < 0 ? 0L : t);
  }

  @Override
  public Future<Void> set(String key, long ttlMs) {
    return back(() -> redis.set(prefix + key, "1", SetArgs.Builder.px(ttlMs))).mapEmpty();
  }

  @Override
  public Future<Void> delete(String key) {
    return back(() -> redis.del(prefix + key)).mapEmpty();
  }

  @Override
  public Future<Void> close() {
    Context ctx = Vertx.currentContext();
    CompletionStage<Void> closed = connection.closeAsync().thenCompose(v -> client.shutdownAsync());
    return ctx == null ? Future.fromCompletionStage(closed) : Future.fromCompletionStage(closed, ctx);
  }
}
