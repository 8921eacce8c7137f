package io.vivace.auth.module.impl;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import io.vivace.auth.TokenDenyList;
import io.vivace.cache.Redis;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access-token deny-list: revoked {@code jti}s, each kept until its token's {@code exp}.
 * {@link #denied} is one {@link ConcurrentHashMap} lookup in this process, never a Redis round trip.
 * With the app's shared Redis, a revocation is also stored there ({@code <prefix>revoked:<jti>},
 * expiring at the token's {@code exp}) and published on {@code <prefix>revoked}; every instance
 * adds published jtis to its map, and loads the stored ones at start and after its pub/sub
 * connection comes back (messages sent meanwhile were lost). Without Redis (or while it is down)
 * revocations hold in this process only. Expired entries are dropped by {@link #purge}. Thread-safe.
 */
final class RevokedTokens implements TokenDenyList {
  private static final Logger LOG = LoggerFactory.getLogger(RevokedTokens.class);

  /** jti → the token's exp, epoch seconds. */
  private final Map<String, Long> local = new ConcurrentHashMap<>();
  private final Redis redis;
  private final String keyPrefix;
  private final String channel;
  private final Clock clock;

  RevokedTokens(Redis redis, String prefix, Clock clock) {
    this.redis = redis;
    this.keyPrefix = prefix + "revoked:";
    this.channel = prefix + "revoked";
    this.clock = clock;
  }

  @Override
  public boolean denied(String jti) {
    return local.containsKey(jti);
  }

  /** How many jtis are held in this process. */
  int size() {
    return local.size();
  }

  /** Subscribes to other instances' revocations and loads the stored ones (Redis only). */
  Future<Void> start() {
    if (redis == null) {
      return Future.succeededFuture();
    }
    redis.subscribe(channel, this::received, this::load);
    return Future.fromCompletionStage(load().exceptionally(e -> null)).mapEmpty();
  }

  private void received(String message) {
    int space = message.indexOf(' ');
    if (space > 0) {
      try {
        add(message.substring(0, space), Long.parseLong(message.substring(space + 1)));
      } catch (NumberFormatException e) {
        LOG.warn("Ignoring a malformed revocation message on {}", channel);
      }
    }
  }

  private void add(String jti, long exp) {
    if (exp > clock.millis() / 1000) {
      local.put(jti, exp);
    }
  }

  /**
   * Revokes {@code jti} until {@code exp} (epoch seconds): at once in this process, then in Redis
   * and to the other instances. Completes when Redis has it (or at once without Redis; a Redis
   * failure is logged, the local revocation stays).
   */
  Future<Void> revoke(String jti, long exp) {
    long now = clock.millis() / 1000;
    if (jti == null || exp <= now) {
      return Future.succeededFuture(); // expired: its exp refuses it already
    }
    local.put(jti, exp);
    if (redis == null) {
      return Future.succeededFuture();
    }
    CompletableFuture<Long> sent = redis.command(c -> c.set(keyPrefix + jti, Long.toString(exp).getBytes(StandardCharsets.US_ASCII),
        SetArgs.Builder.exAt(exp)).thenCompose(ok -> c.publish(channel, (jti + " " + exp).getBytes(StandardCharsets.UTF_8))));
    if (sent == null) {
      LOG.warn("Redis is not in use: the revocation of a token holds in this process only");
      return Future.succeededFuture();
    }
    return Future.fromCompletionStage(sent).<Void>mapEmpty()
        .recover(e -> {
          LOG.warn("Storing a revoked token in Redis failed: {}; it holds in this process only", e.toString());
          return Future.succeededFuture();
        });
  }

  /** Drops jtis whose tokens expired (their exp refuses them already). */
  void purge() {
    long now = clock.millis() / 1000;
    local.values().removeIf(exp -> exp < now);
  }

  /** Loads every stored revocation from Redis (SCAN + MGET). */
  private CompletableFuture<Void> load() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    scan(ScanCursor.INITIAL, done);
    return done.whenComplete((v, e) -> {
      if (e != null) {
        LOG.warn("Loading revoked tokens from Redis failed: {}", e.toString());
      }
    });
  }

  private void scan(ScanCursor cursor, CompletableFuture<Void> done) {
    CompletableFuture<Void> step = redis.command(c -> c.scan(cursor, ScanArgs.Builder.matches(keyPrefix + "*").limit(1000))
        .thenCompose(page -> {
          List<String> keys = page.getKeys();
          CompletableFuture<List<KeyValue<String, byte[]>>> values = keys.isEmpty()
              ? CompletableFuture.completedFuture(List.of())
              : c.mget(keys.toArray(String[]::new)).toCompletableFuture();
          return values.thenAccept(kvs -> {
            for (KeyValue<String, byte[]> kv : kvs) {
              if (kv.hasValue()) {
                try {
                  add(kv.getKey().substring(keyPrefix.length()), Long.parseLong(new String(kv.getValue(), StandardCharsets.US_ASCII)));
                } catch (NumberFormatException e) {
                  // not ours
                }
              }
            }
            if (page.isFinished()) {
              done.complete(null);
            } else {
              scan(page, done);
            }
          });
        }));
    if (step == null) {
      done.completeExceptionally(new IllegalStateException("Redis is not in use"));
    } else {
      step.exceptionally(e -> {
        done.completeExceptionally(e);
        return null;
      });
    }
  }
}
