package io.vivace.cache;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vivace.App;
import io.vivace.cache.impl.RedisImpl;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The app's one Redis client, shared by every module that uses Redis (the caches' L2 tier, the
 * login throttle): one Lettuce client with one command connection (commands from all callers are
 * pipelined on it) and one pub/sub connection for cache invalidation broadcasts. Lettuce
 * reconnects by itself; a circuit breaker keeps callers from waiting on a server that is down
 * ({@link RedisOptions}). Thread-safe.
 *
 * <p>Modules ask for it with {@link #shared(App)}; create one directly only for tests or tools.
 */
public interface Redis {

  /**
   * The app's shared client, configured from {@code REDIS_URL} and {@code VIVACE_REDIS_*}, or null
   * when {@code REDIS_URL} is unset. The first call reads the settings, adds a start hook that
   * connects (an unreachable server does not stop the app) and a stop hook that closes; a bad
   * setting is reported in the app's validation phase ({@link App#onValidate}: one line naming
   * it, exit 2). Every later call returns the same client.
   */
  static Redis shared(App app) {
    return RedisImpl.shared(app, null);
  }

  /**
   * The app's shared client on {@code options} (tests and tools): the first call for the app
   * decides.
   *
   * @throws IllegalStateException when the app already has a shared client on other options
   */
  static Redis shared(App app, RedisOptions options) {
    return RedisImpl.shared(app, java.util.Objects.requireNonNull(options, "options"));
  }

  /** A client for {@code options}, not connected until {@link #start()}, not shared. */
  static Redis create(RedisOptions options) {
    return new RedisImpl(options);
  }

  /**
   * Connects both connections. Completes when the first attempt is done, connected or not: an
   * unreachable server leaves the client down (callers fall back: caches to L1 and loaders, the
   * login throttle to this process's memory) and the connection is retried in the background.
   * Called once.
   */
  Future<Void> start();

  /** Whether Redis is in use now: connected and the circuit breaker closed. */
  boolean up();

  /** The options it was made with. */
  RedisOptions options();

  /**
   * Runs one command on the shared command connection, through the circuit breaker (its outcome
   * counts). Returns null, without sending anything, while not connected or while the breaker is
   * open: the caller falls back. The future completes on a Lettuce thread, within the command
   * timeout. Keys are Strings, values bytes.
   */
  <T> CompletableFuture<T> command(Function<RedisAsyncCommands<String, byte[]>, CompletionStage<T>> command);

  /**
   * Subscribes to {@code channel} on the shared pub/sub connection: {@code onMessage} gets each
   * message's text (UTF-8), {@code onReconnect} runs after the pub/sub connection came back (messages
   * sent meanwhile were lost: reload what they carried). Both are called on a Lettuce thread and must
   * not block. The subscription is made now when connected, else when the connection is made, and
   * is kept across reconnects. One listener per channel.
   *
   * @throws IllegalArgumentException when the channel already has a listener
   */
  void subscribe(String channel, java.util.function.Consumer<String> onMessage, Runnable onReconnect);

  /**
   * Publishes {@code message} (UTF-8) on {@code channel} through {@link #command}: null, without
   * sending, while Redis is not in use; else completes with the number of receivers.
   */
  CompletableFuture<Long> publish(String channel, String message);

  /** Closes the connections and the client's threads. */
  Future<Void> close();
}
