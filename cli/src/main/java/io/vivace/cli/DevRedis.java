package io.vivace.cli;

import java.io.IOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * The Redis of {@code vivace dev} for a {@code redis} project without {@code REDIS_URL}: a
 * {@code redis-server} (the binary shipped in {@code com.github.codemonstur:embedded-redis}) on
 * {@code 127.0.0.1} and a free port, without persistence, started by the dev process so it stays up
 * across reloads, and stopped with it. Not thread-safe.
 */
final class DevRedis implements AutoCloseable {
  private final RedisServer server;
  final String url;

  private DevRedis(RedisServer server, String url) {
    this.server = server;
    this.url = url;
  }

  static DevRedis start() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    RedisServer server = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
        .setting("save \"\"").setting("appendonly no").onShutdownForceStop(true).build();
    server.start();
    return new DevRedis(server, "redis://127.0.0.1:" + port);
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (IOException ignored) {
      // stopping anyway: the process is killed by the library's shutdown hook
    }
  }
}
