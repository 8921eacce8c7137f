package io.vivace.examples.techempower;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import io.vivace.cache.Cache;
import io.vivace.cache.Caches;
import io.vivace.cache.Codec;
import io.vivace.cache.KeyCodec;
import io.vivace.db.Database;
import io.vivace.extract.RequestExtractor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /cached-queries?count=N}: N random World rows through a Vivace cache (Caffeine, read-through,
 * bounded: evicts beyond its size, expires after its TTL). With {@code REDIS_URL} set the cache has
 * the Redis tier too, and a request reads what L1 lacks with one {@code MGET} (as the rules allow).
 * The rows found in L1 are taken without a future; only a request with misses waits.
 */
final class CachedWorlds {
  /** {@code ?count=N} clamped to 1..500; missing, empty or not a number counts as 1 (like {@code /queries}). */
  static final RequestExtractor<Integer> COUNT = Worlds.count("count");

  private final Database db;
  private final Cache<Integer, World> cache;

  CachedWorlds(Database db, Caches caches) {
    this.db = db;
    this.cache = caches.register(Cache.<Integer, World>builder("worlds")
        .maximumSize(10_000)
        .expireAfterWrite(Duration.ofMinutes(10))
        .redis(caches.redis(), KeyCodec.INTEGER, Codec.json(World.class)) // L1 only when REDIS_URL is unset
        .build());
  }

  /** A {@code List<World>} when every row was in L1, else its future. */
  // tag::cached-queries[]
  Object query(int count) {
    World[] out = new World[count];
    List<Integer> missing = null;
    for (int i = 0; i < count; i++) {
      int id = Worlds.randomId();
      World w = cache.getIfPresent(id);
      if (w != null) {
        out[i] = w;
      } else {
        if (missing == null) {
          missing = new ArrayList<>();
        }
        missing.add(id);
        missing.add(i);
      }
    }
    if (missing == null) {
      return Arrays.asList(out);
    }
    List<Integer> ids = new ArrayList<>(missing.size() / 2);
    for (int j = 0; j < missing.size(); j += 2) {
      ids.add(missing.get(j));
    }
    List<Integer> slots = missing;
    return cache.getAll(ids, this::load).map(found -> {
      for (int j = 0; j < slots.size(); j += 2) {
        out[slots.get(j + 1)] = found.get(slots.get(j));
      }
      return Arrays.asList(out);
    });
  }
  // end::cached-queries[]

  /** The rows of {@code ids}, one SELECT each (pipelined on the pool's connections). */
  private Future<Map<Integer, World>> load(Set<Integer> ids) {
    List<Future<World>> reads = new ArrayList<>(ids.size());
    for (Integer id : ids) {
      reads.add(db.one(Worlds.SELECT, Tuple.of(id), World::from));
    }
    return Future.all(reads).map(all -> {
      Map<Integer, World> m = new HashMap<>(ids.size() * 2);
      for (int i = 0; i < reads.size(); i++) {
        World w = all.resultAt(i);
        m.put(w.id(), w);
      }
      return m;
    });
  }
}
