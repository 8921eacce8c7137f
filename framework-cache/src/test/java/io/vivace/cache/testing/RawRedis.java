package io.vivace.cache.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A plain Lettuce connection to look at what a cache stored (the async API, waited on: the sync
 * API's proxies take seconds to set up). Close it.
 */
public final class RawRedis implements AutoCloseable {
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;

  public RawRedis(String url) {
    client = RedisClient.create(url);
    connection = client.connect();
  }

  public String get(String key) {
    return await(connection.async().get(key));
  }

  public long exists(String... keys) {
    return await(connection.async().exists(keys));
  }

  public long pttl(String key) {
    return await(connection.async().pttl(key));
  }

  private static <T> T await(CompletionStage<T> f) {
    try {
      return f.toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
