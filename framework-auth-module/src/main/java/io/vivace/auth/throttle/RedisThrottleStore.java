package io.vivace.auth.throttle;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vivace.cache.Redis;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ThrottleStore} in Redis on the app's shared client ({@link Redis}), degrading like the
 * caches: while Redis is unreachable (not connected yet, connection lost, circuit breaker open, a
 * command failed or timed out) every operation goes to an in-process store instead, so logins keep
 * working and are throttled per instance; once Redis is back, counting resumes there. A hit is one
 * Lua script, so the count and the expiry are set atomically. Results come back on the caller's
 * Vert.x context. Thread-safe.
 */
final class RedisThrottleStore implements ThrottleStore {
  private static final Logger LOG = LoggerFactory.getLogger(RedisThrottleStore.class);
  /** INCR, then an expiry for a new counter (or one that lost it), then the time left. */
  private static final String HIT = "local c = redis.call('INCR', KEYS[1])\n"
      + "local t = redis.call('PTTL', KEYS[1])\n"
      + "if c == 1 or t < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); t = tonumber(ARGV[1]) end\n"
      + "return {c, t}";
  private static final byte[] ONE = {'1'};

  private final Redis redis;
  private final String prefix;
  private final ThrottleStore fallback;
  /** Whether the last operation fell back (logs once per outage, not per login). */
  private final AtomicBoolean degraded = new AtomicBoolean();

  RedisThrottleStore(Redis redis, String prefix, ThrottleStore fallback) {
    this.redis = java.util.Objects.requireNonNull(redis, "redis");
    this.prefix = java.util.Objects.requireNonNull(prefix, "prefix");
    this.fallback = java.util.Objects.requireNonNull(fallback, "fallback");
  }

  /** Whether the last operation went to the in-process store because Redis was unreachable. */
  boolean degraded() {
    return degraded.get();
  }

  /** The command's result on the caller's context; the fallback's when Redis is skipped or fails. */
  private <T> Future<T> either(Supplier<CompletableFuture<T>> command, Supplier<Future<T>> local) {
    Context ctx = Vertx.currentContext();
    CompletableFuture<T> cf;
    try {
      cf = command.get();
    } catch (RuntimeException e) { // Lettuce refuses some commands at once (a closed client)
      cf = CompletableFuture.failedFuture(e);
    }
    if (cf == null) {
      return fellBack(null, local);
    }
    Promise<T> promise = Promise.promise();
    cf.whenComplete((v, t) -> {
      Runnable done = () -> {
        if (t == null) {
          if (degraded.compareAndSet(true, false)) {
            LOG.info("Login throttling is back on Redis");
          }
          promise.complete(v);
        } else {
          fellBack(t instanceof CompletionException && t.getCause() != null ? t.getCause() : t, local)
              .onComplete(promise);
        }
      };
      if (ctx == null || Vertx.currentContext() == ctx) {
        done.run();
      } else {
        ctx.runOnContext(x -> done.run());
      }
    });
    return promise.future();
  }

  private <T> Future<T> fellBack(Throwable cause, Supplier<Future<T>> local) {
    if (degraded.compareAndSet(false, true)) {
      LOG.warn("Login throttling cannot reach Redis ({}); counting in this process until it is back",
          cause == null ? "not connected" : io.vivace.config.Secrets.maskUrl(String.valueOf(cause.getMessage())));
    }
    return local.get();
  }

  @Override
  public Future<Hit> hit(String key, long windowMs) {
    return either(() -> nullable(redis.<List<Object>>command(c -> c.eval(HIT, ScriptOutputType.MULTI,
            new String[] {prefix + key}, Long.toString(windowMs).getBytes(StandardCharsets.US_ASCII))),
            r -> new Hit((Long) r.get(0), (Long) r.get(1))),
        () -> fallback.hit(key, windowMs));
  }

  @Override
  public Future<Long> ttl(String key) {
    return either(() -> nullable(redis.command(c -> c.pttl(prefix + key)), t -> t == null || t < 0 ? 0L : t),
        () -> fallback.ttl(key));
  }

  @Override
  public Future<Void> set(String key, long ttlMs) {
    return either(() -> nullable(redis.command(c -> c.set(prefix + key, ONE, SetArgs.Builder.px(ttlMs))), x -> null),
        () -> fallback.set(key, ttlMs));
  }

  @Override
  public Future<Void> delete(String key) {
    // The in-process copy goes too, so a lock taken during an outage does not outlive a success.
    return either(() -> nullable(redis.command(c -> c.del(prefix + key)), x -> null), () -> fallback.delete(key))
        .compose(v -> fallback.delete(key));
  }

  private static <A, B> CompletableFuture<B> nullable(CompletableFuture<A> cf, java.util.function.Function<A, B> map) {
    return cf == null ? null : cf.thenApply(map);
  }
}
