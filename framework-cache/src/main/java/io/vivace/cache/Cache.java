package io.vivace.cache;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * An asynchronous cache of typed keys and values over one or two tiers: L1 in process (Caffeine),
 * optionally L2 in Redis (Lettuce). Reads go L1, then L2, then the loader, and fill both tiers on
 * the way back. Build one with {@link #builder(String)}.
 *
 * <pre>{@code
 * Cache<Integer, World> worlds = Cache.<Integer, World>builder("worlds")
 *     .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(10))
 *     .codec(Codec.json(World.class)).redis(redis).build();
 * Future<World> w = worlds.get(id, k -> db.one(SELECT, Tuple.of(k), World::from));
 * }</pre>
 *
 * <p>Guarantees: the cache holds values, never futures of failures; a loader that fails (or whose
 * future fails) is not cached and the failure goes to every caller waiting for that key;
 * concurrent misses of one key in this process share one load (single-flight); a value that
 * expires does so at a time spread by jitter. A {@code null} loaded value means "not found": it is
 * cached only when negative caching is on ({@link CacheBuilder#negativeTtl}).
 *
 * <p>Threads: every method may be called from any thread and never blocks. When called on a Vert.x
 * context (an event loop), the returned future's callbacks run on that context; from other
 * threads they run on whichever thread completes the load. A loader is called by the first caller
 * of a miss on its own context: at once without L2, after the L2 read (brought back to that
 * context) with it. Called off any Vert.x context, a loader may run on a Lettuce thread.
 *
 * <p>Null policy: keys must not be null ({@link NullPointerException}); a loader must not return a
 * null future.
 *
 * @param <K> key type; its {@code toString()} (or the builder's key encoder) names the Redis key
 * @param <V> value type; immutable values are strongly advised, every caller gets the same instance
 */
public interface Cache<K, V> {

  /** A builder of a cache named {@code name} (letters, digits, '-', '_', '.'; it prefixes Redis keys). */
  static <K, V> CacheBuilder<K, V> builder(String name) {
    return new CacheBuilder<>(name);
  }

  /** The name given to the builder. */
  String name();

  /**
   * The value of {@code key}: from L1, else L2, else {@code loader} (once per key however many
   * callers miss together). Completes with null when the loader found nothing.
   *
   * @param loader called with the key on a miss; returns the value's future (null value: not found)
   */
  Future<V> get(K key, Function<? super K, Future<V>> loader);

  /**
   * The value of {@code key} when L1 holds it loaded, else null: no L2 read, no load, no waiting.
   * The fast path of a handler that then loads only what is missing ({@link #getAll}). Counts as
   * an L1 hit when found (a miss is counted by the load that follows).
   */
  V getIfPresent(K key);

  /**
   * The values of {@code keys}: L1 first, the rest in one L2 round trip ({@code MGET}), the rest
   * from {@code bulkLoader} in one call. The map holds the keys found, in the order of
   * {@code keys}; keys the loader does not return are absent (and negatively cached when enabled).
   *
   * @param bulkLoader called with the keys missing from both tiers (never with an empty set)
   */
  Future<Map<K, V>> getAll(Collection<? extends K> keys, Function<? super Set<K>, Future<Map<K, V>>> bulkLoader);

  /**
   * Stores {@code value} in every tier; other instances drop their L1 copy (Redis pub/sub).
   * Completes when L2 has it (or at once without L2, or when L2 is down).
   */
  Future<Void> put(K key, V value);

  /**
   * Removes {@code key} from every tier and tells other instances to drop their L1 copy. Completes
   * once L2's delete and the broadcast are done (or at once without L2 or while L2 is down).
   */
  Future<Void> invalidate(K key);

  /** Removes every entry of this cache from every tier (L2: keys of this cache by {@code SCAN}) and broadcasts it. */
  Future<Void> invalidateAll();

  /** A snapshot of the counters, per tier. Thread-safe, cheap. */
  CacheStats stats();
}
