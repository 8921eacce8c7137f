package io.vivace.loadtests.realtime;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real-time load driver. Run the target first (see docs/performance.md), then:
 *
 * <pre>
 * java -jar loadtests/realtime/target/realtime-load.jar ws-echo --url ws://127.0.0.1:8080/ws/echo \
 *     --connections 1000 --seconds 30 --warmup 5 --size 64
 * java -jar loadtests/realtime/target/realtime-load.jar sse-fanout --url http://127.0.0.1:8080 \
 *     --post 1 --subscribers 1000 --rounds 20
 * </pre>
 *
 * Prints one line of results. {@code --event-loops} sets the driver's own event loops (default:
 * the cores). Needs about one file descriptor per connection: {@code ulimit -n 4096}.
 */
public final class RealtimeLoad {
  private RealtimeLoad() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !(args[0].equals("ws-echo") || args[0].equals("sse-fanout"))) {
      System.err.println("usage: ws-echo --url ws://host:port/ws/echo [--connections 1000] [--seconds 30] [--warmup 5] [--size 64]");
      System.err.println("       sse-fanout --url http://host:port [--post 1] [--subscribers 1000] [--rounds 20]");
      System.exit(2);
    }
    Map<String, String> o = options(args);
    int loops = Integer.parseInt(o.getOrDefault("event-loops", String.valueOf(Runtime.getRuntime().availableProcessors())));
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(true));
    try {
      String line = args[0].equals("ws-echo")
          ? WsEcho.run(vertx, URI.create(o.getOrDefault("url", "ws://127.0.0.1:8080/ws/echo")),
              Integer.parseInt(o.getOrDefault("connections", "1000")), Integer.parseInt(o.getOrDefault("seconds", "30")),
              Integer.parseInt(o.getOrDefault("warmup", "5")), Integer.parseInt(o.getOrDefault("size", "64")))
          : SseFanout.run(vertx, URI.create(o.getOrDefault("url", "http://127.0.0.1:8080")),
              Long.parseLong(o.getOrDefault("post", "1")), Integer.parseInt(o.getOrDefault("subscribers", "1000")),
              Integer.parseInt(o.getOrDefault("rounds", "20")));
      System.out.println(line);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      o.put(args[i].substring(2), args[i + 1]);
    }
    return o;
  }
}
