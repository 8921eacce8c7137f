package io.vivace.cache.impl;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vivace.cache.Redis;
import io.vivace.cache.RedisOptions;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared Redis tier: one Lettuce client (two I/O threads), one command connection whose
 * commands from every caller are pipelined, one pub/sub connection on the invalidation channel.
 * Commands are bounded by the command timeout and rejected at once while disconnected
 * ({@code REJECT_COMMANDS}); the {@link CircuitBreaker} turns repeated failures into no calls at
 * all. After a reconnect every two-tier cache clears its L1, as invalidations may have been missed
 * while the pub/sub connection was down. Thread-safe.
 */
public final class RedisImpl implements Redis {
  private static final Logger LOG = LoggerFactory.getLogger(RedisImpl.class);

  final RedisOptions options;
  final String instanceId = UUID.randomUUID().toString();
  final String channel;
  final CircuitBreaker breaker;
  /** Cache name → its handler of invalidation messages from other instances. */
  private final Map<String, Invalidations.Listener> listeners = new ConcurrentHashMap<>();
  /** Other channels' subscribers ({@link #subscribe}): channel → message handler and reconnect hook. */
  private final Map<String, Map.Entry<java.util.function.Consumer<String>, Runnable>> channels = new ConcurrentHashMap<>();
  private final RedisURI uri;
  private ClientResources resources;
  private RedisClient client;
  private volatile StatefulRedisConnection<String, byte[]> connection;
  private volatile StatefulRedisPubSubConnection<String, String> pubsub;
  private volatile boolean closed;
  private volatile boolean everConnected;
  private volatile boolean tlsFailureLogged;
  /** The app's tracer (a client span per command under the request's span), or null when tracing is off. */
  private volatile io.vivace.observe.Tracer tracer;

  /** The holder of an app's shared client (absent when REDIS_URL is unset). */
  private record Shared(RedisImpl redis) {
  }

  /** {@link Redis#shared(App)} and {@link Redis#shared(App, RedisOptions)}. */
  public static Redis shared(io.vivace.App app, RedisOptions given) {
    Shared shared = app.component(Shared.class, a -> {
      RedisOptions options;
      try {
        options = given != null ? given : RedisOptions.fromEnvironment();
      } catch (io.vivace.config.ConfigException e) {
        a.onValidate(config -> {
          throw e; // reported with the other settings, before any start hook
        });
        return new Shared(null);
      }
      if (options == null) {
        return new Shared(null);
      }
      RedisImpl redis = new RedisImpl(options);
      a.onStart(vertx -> {
        io.micrometer.core.instrument.MeterRegistry registry = io.vivace.metrics.Metrics.registry(a);
        if (registry != null) {
          CacheMeters.bindRedis(registry, redis);
        }
        redis.tracer(io.vivace.observe.Traces.of(a));
        return redis.start();
      });
      // Ready while Redis answers a PING within the command timeout (the breaker open: at once not).
      if (options.readiness()) {
        a.health().readiness("redis", Math.max(io.vivace.health.Health.DEFAULT_READINESS_TIMEOUT_MS,
            options.commandTimeoutMs()), redis::ping);
      }
      a.onStop(vertx -> redis.close());
      return new Shared(redis);
    });
    if (given != null && (shared.redis == null || shared.redis.options != given)) {
      throw new IllegalStateException("this app already has a shared Redis client on other options");
    }
    return shared.redis;
  }

  public RedisImpl(RedisOptions options) {
    this.options = options;
    this.uri = RedisURI.create(options.url());
    this.channel = options.keyPrefix() + "invalidations";
    this.breaker = new CircuitBreaker(uri.getHost() + ":" + uri.getPort(), options.failureThreshold(),
        TimeUnit.MILLISECONDS.toNanos(options.openMs()), System::nanoTime);
  }

  /**
   * Traces every command sent while a request is served, under its span, from the next
   * {@link #start()} on; null (the default): none, and Lettuce's tracing stays off.
   */
  public void tracer(io.vivace.observe.Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public Future<Void> start() {
    Duration max = Duration.ofMillis(options.maxReconnectDelayMs());
    DefaultClientResources.Builder builder = DefaultClientResources.builder()
        .ioThreadPoolSize(2)
        .computationThreadPoolSize(2)
        .reconnectDelay(Delay.exponential(Duration.ofMillis(Math.min(20, max.toMillis())), max, 2, TimeUnit.MILLISECONDS));
    io.vivace.observe.Tracer t = tracer;
    if (t != null) {
      builder.tracing(new RedisTracing(t, uri.getDatabase()));
    }
    resources = builder.build();
    client = RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(options.commandTimeoutMs())))
        .sslOptions(RedisTls.sslOptions(options.url()))
        .build());
    client.addListener(new RedisConnectionStateListener() {
      @Override
      public void onRedisConnected(RedisChannelHandler<?, ?> c, SocketAddress address) {
        if (c == connection) {
          breaker.success();
        }
        if (c == pubsub) {
          listeners.values().forEach(Invalidations.Listener::reconnected);
          channels.values().forEach(l -> l.getValue().run());
        }
      }

      @Override
      public void onRedisDisconnected(RedisChannelHandler<?, ?> c) {
        if (c == connection && !closed) {
          breaker.forceOpen(new IllegalStateException("connection lost"));
        }
      }
    });
    Promise<Void> started = Promise.promise();
    connect(started, Duration.ofMillis(20));
    return started.future();
  }

  /** One connection attempt; on failure the tier stays down and the attempt repeats later. */
  private void connect(Promise<Void> started, Duration delay) {
    if (closed) {
      return;
    }
    CompletableFuture<StatefulRedisConnection<String, byte[]>> c = connection != null
        ? CompletableFuture.completedFuture(connection)
        : client.connectAsync(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE), uri).toCompletableFuture();
    c.thenCompose(conn -> {
      connection = conn;
      return pubsub != null ? CompletableFuture.completedFuture(pubsub)
          : client.connectPubSubAsync(StringCodec.UTF8, uri).toCompletableFuture();
    }).thenCompose(ps -> {
      if (pubsub == null) {
        pubsub = ps;
        ps.addListener(new RedisPubSubAdapter<>() {
          @Override
          public void message(String ch, String message) {
            if (channel.equals(ch)) {
              Invalidations.dispatch(RedisImpl.this, message, listeners);
              return;
            }
            Map.Entry<java.util.function.Consumer<String>, Runnable> l = channels.get(ch);
            if (l != null) {
              l.getKey().accept(message);
            }
          }
        });
      }
      String[] all = new String[channels.size() + 1];
      all[0] = channel;
      int i = 1;
      for (String ch : channels.keySet()) {
        if (i < all.length) {
          all[i++] = ch;
        }
      }
      return ps.async().subscribe(java.util.Arrays.copyOf(all, i)).toCompletableFuture();
    }).whenComplete((ok, failure) -> {
      if (failure == null) {
        everConnected = true;
        breaker.success();
        LOG.info("Redis cache tier connected to {}:{}", uri.getHost(), uri.getPort());
        started.tryComplete();
      } else {
        breaker.forceOpen(failure);
        String tls = RedisTls.failure(failure);
        if (tls != null && !tlsFailureLogged) {
          tlsFailureLogged = true; // once, not at every reconnect attempt
          LOG.warn("TLS to Redis at {}:{} failed: {}; check REDIS_URL (rediss://, verifyPeer, sslrootcert)",
              uri.getHost(), uri.getPort(), tls);
        }
        started.tryComplete(); // the app starts anyway, on L1 and the loaders
        Duration next = delay.multipliedBy(2).compareTo(Duration.ofMillis(options.maxReconnectDelayMs())) > 0
            ? Duration.ofMillis(options.maxReconnectDelayMs()) : delay.multipliedBy(2);
        if (!closed) {
          resources.eventExecutorGroup().schedule(() -> connect(started, next), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    });
  }

  /** A PING through {@link #command}: fails while not connected, when the breaker is open, or on error. */
  Future<String> ping() {
    CompletableFuture<String> pong = command(c -> c.ping());
    return pong == null ? Future.failedFuture("Redis is not in use") : Future.fromCompletionStage(pong);
  }

  @Override
  public boolean up() {
    StatefulRedisConnection<String, byte[]> c = connection;
    return c != null && c.isOpen() && breaker.closed();
  }

  /**
   * Runs a command when the tier is usable, recording its outcome in the breaker; null when it is
   * skipped (not connected, or the breaker is open).
   */
  @Override
  public <T> CompletableFuture<T> command(Function<RedisAsyncCommands<String, byte[]>, CompletionStage<T>> command) {
    return call(command);
  }

  @Override
  public RedisOptions options() {
    return options;
  }

  <T> CompletableFuture<T> call(Function<RedisAsyncCommands<String, byte[]>, CompletionStage<T>> command) {
    StatefulRedisConnection<String, byte[]> c = connection;
    if (c == null || !breaker.allow()) {
      return null;
    }
    CompletableFuture<T> result;
    try {
      result = command.apply(c.async()).toCompletableFuture();
    } catch (RuntimeException e) {
      breaker.failure(e);
      return CompletableFuture.failedFuture(e);
    }
    return result.whenComplete((v, t) -> {
      if (t == null) {
        breaker.success();
      } else {
        breaker.failure(t);
      }
    });
  }

  /** Sends an invalidation message to the other instances (null when skipped). */
  CompletableFuture<Long> publish(String message) {
    return call(cmd -> cmd.publish(channel, message.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Override
  public void subscribe(String ch, java.util.function.Consumer<String> onMessage, Runnable onReconnect) {
    java.util.Objects.requireNonNull(onMessage, "onMessage");
    java.util.Objects.requireNonNull(onReconnect, "onReconnect");
    if (ch.equals(channel) || channels.putIfAbsent(ch, Map.entry(onMessage, onReconnect)) != null) {
      throw new IllegalArgumentException("the channel '" + ch + "' already has a listener on this Redis");
    }
    StatefulRedisPubSubConnection<String, String> ps = pubsub;
    if (ps != null && ps.isOpen()) {
      ps.async().subscribe(ch);
    }
  }

  @Override
  public CompletableFuture<Long> publish(String ch, String message) {
    return call(cmd -> cmd.publish(ch, message.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  void listen(String cacheName, Invalidations.Listener listener) {
    if (listeners.putIfAbsent(cacheName, listener) != null) {
      throw new IllegalArgumentException("A cache named '" + cacheName + "' already uses this Redis");
    }
  }

  boolean everConnected() {
    return everConnected;
  }

  @Override
  public Future<Void> close() {
    closed = true;
    if (client == null) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    CompletableFuture<Void> a = connection != null ? connection.closeAsync() : CompletableFuture.completedFuture(null);
    CompletableFuture<Void> b = pubsub != null ? pubsub.closeAsync() : CompletableFuture.completedFuture(null);
    CompletableFuture.allOf(a, b)
        .handle((v, t) -> null)
        .thenCompose(v -> client.shutdownAsync(0, 2, TimeUnit.SECONDS))
        .thenCompose(v -> toCompletable(resources.shutdown(0, 2, TimeUnit.SECONDS)))
        .whenComplete((v, t) -> done.complete());
    return done.future();
  }

  private static CompletableFuture<Void> toCompletable(io.netty.util.concurrent.Future<?> f) {
    CompletableFuture<Void> cf = new CompletableFuture<>();
    f.addListener(x -> cf.complete(null));
    return cf;
  }
}
