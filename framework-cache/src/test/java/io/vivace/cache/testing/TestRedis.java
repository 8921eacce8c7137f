package io.vivace.cache.testing;

import io.vivace.cache.RedisOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.UUID;
import redis.embedded.RedisServer;

/**
 * A real Redis for tests: {@code REDIS_URL}'s server when set, otherwise one embedded
 * {@code redis-server} (the binary shipped in com.github.codemonstur:embedded-redis) started once
 * per JVM on a free loopback port and stopped when the JVM exits. Tests share the server, so each
 * uses its own key prefix ({@link #options()}).
 */
public final class TestRedis {
  private static String url;

  private TestRedis() {
  }

  /** The server's URL, starting the embedded server on first use when {@code REDIS_URL} is unset. */
  public static synchronized String url() {
    if (url == null) {
      String env = System.getenv(RedisOptions.REDIS_URL);
      url = env != null && !env.isBlank() ? env.trim() : startEmbedded();
    }
    return url;
  }

  /** Options for the test server with a key prefix (and channel) of its own, and fast failure detection. */
  public static RedisOptions options() {
    return new RedisOptions(url()).keyPrefix("test:" + UUID.randomUUID() + ":")
        .commandTimeoutMs(500).openMs(200).maxReconnectDelayMs(200);
  }

  private static String startEmbedded() {
    try {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      RedisServer server = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
          .setting("save \"\"").setting("appendonly no").onShutdownForceStop(true).build();
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.stop();
        } catch (IOException ignored) {
          // the JVM is going away
        }
      }));
      return "redis://127.0.0.1:" + port;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded redis-server", e);
    }
  }
}
