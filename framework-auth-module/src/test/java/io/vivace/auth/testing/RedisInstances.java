package io.vivace.auth.testing;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.cache.Redis;
import io.vivace.cache.testing.TestRedis;
import io.vivace.testing.TestServer;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * App instances that share one real Redis ({@code REDIS_URL}'s server, else an embedded one) under a
 * key prefix of their own: the instances made here see each other's keys and channels (deny-list,
 * permissions, throttle counters), and no other test's.
 */
public final class RedisInstances {
  private final String prefix = "test:" + UUID.randomUUID() + ":";

  /**
   * Starts an app on the shared Redis with the routes and modules {@code declare} adds.
   *
   * @throws AssertionError when Redis does not answer
   */
  public TestServer start(Consumer<App> declare) {
    System.setProperty("vivace.redis-url", TestRedis.url());
    System.setProperty("vivace.redis-key-prefix", prefix);
    try {
      App app = Vivace.app(TestServer.options());
      declare.accept(app);
      TestServer server = TestServer.started(app);
      if (!Redis.shared(app).up()) {
        throw new AssertionError("Redis at " + TestRedis.url() + " is not reachable; this test needs the real server");
      }
      return server;
    } finally {
      System.clearProperty("vivace.redis-url");
      System.clearProperty("vivace.redis-key-prefix");
    }
  }
}
