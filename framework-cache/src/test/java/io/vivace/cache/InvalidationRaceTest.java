package io.vivace.cache;

import static io.vivace.cache.testing.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vivace.cache.testing.RawRedis;
import io.vivace.cache.testing.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The race of a read's fill against a writer's invalidation, made deterministic: the reader's
 * loader reads the "database" (old value), then waits until the writer has changed it and its
 * invalidation (or write) has completed, and only then returns the old value. The reader may get
 * that old value (its read began before the write), but no tier may keep it: every later read, on
 * either instance, sees the new value. On one instance (L1 only, and L1 + L2) and on two instances
 * sharing Redis.
 */
class InvalidationRaceTest {
  private final AtomicReference<String> database = new AtomicReference<>("old");
  /** Counted down when a slow loader has read the database. */
  private final java.util.concurrent.CountDownLatch loaderRead = new java.util.concurrent.CountDownLatch(1);
  private Redis redisA;
  private Redis redisB;
  private Cache<Integer, Item> a;
  private Cache<Integer, Item> b;
  private RawRedis raw;
  private String prefix;

  @BeforeEach
  void start() {
    RedisOptions options = TestRedis.options();
    prefix = options.keyPrefix();
    raw = new RawRedis(options.url());
    redisA = Redis.create(options);
    redisB = Redis.create(options);
    result(redisA.start());
    result(redisB.start());
    assertTrue(redisA.up() && redisB.up());
    a = build(redisA);
    b = build(redisB);
  }

  private static Cache<Integer, Item> build(Redis redis) {
    return Cache.<Integer, Item>builder("posts").expireAfterWrite(Duration.ofMinutes(10))
        .redis(redis, KeyCodec.INTEGER, Codec.json(Item.class)).build();
  }

  @AfterEach
  void stop() {
    result(redisA.close());
    result(redisB.close());
    raw.close();
  }

  private Future<Item> current(int id) {
    return Future.succeededFuture(new Item(id, database.get()));
  }

  /** A loader that reads the database now and answers when {@code gate} completes. */
  private Function<Integer, Future<Item>> slowLoader(Promise<Void> gate) {
    return id -> {
      Item read = new Item(id, database.get());
      loaderRead.countDown();
      return gate.future().map(v -> read);
    };
  }

  /** Runs the race: {@code reader} starts, the database changes, {@code writer} completes, the load ends. */
  private Item race(Function<Promise<Void>, Future<?>> reader, Runnable writer) {
    Promise<Void> gate = Promise.promise();
    Future<?> read = reader.apply(gate);
    try {
      assertTrue(loaderRead.await(10, java.util.concurrent.TimeUnit.SECONDS), "the loader was not called");
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    database.set("new");
    writer.run();
    gate.complete();
    Object got = result(read);
    return got instanceof Map ? (Item) ((Map<?, ?>) got).get(1) : (Item) got;
  }

  private void assertNothingOldIsKept(Cache<Integer, Item> reader) {
    String stored = raw.get(prefix + "posts:1");
    assertFalse(stored != null && stored.contains("old"), "L2 keeps the overwritten value: " + stored);
    assertEquals("new", result(reader.get(1, this::current)).name(), "the reader's instance");
    assertEquals("new", result(a.get(1, this::current)).name());
    assertEquals("new", result(b.get(1, this::current)).name());
  }

  @Test
  void oneInstanceInProcessOnly() {
    Cache<Integer, Item> local = Cache.<Integer, Item>builder("local").build();
    Item got = race(gate -> local.get(1, slowLoader(gate)), () -> result(local.invalidate(1)));
    assertEquals("old", got.name(), "the read began before the write");
    assertEquals("new", result(local.get(1, this::current)).name());
  }

  @Test
  void oneInstanceWithRedis() {
    Item got = race(gate -> a.get(1, slowLoader(gate)), () -> result(a.invalidate(1)));
    assertEquals("old", got.name(), "the read began before the write");
    assertNothingOldIsKept(a);
  }

  @Test
  void anInvalidationOnAnotherInstanceWinsOverTheFill() {
    Item got = race(gate -> a.get(1, slowLoader(gate)), () -> result(b.invalidate(1)));
    assertEquals("old", got.name());
    assertNull(raw.get(prefix + "posts:1"), "the fill was refused");
    assertNothingOldIsKept(a);
  }

  @Test
  void aWriteOnAnotherInstanceIsNotOverwrittenByTheFill() {
    assertEquals("old", race(gate -> a.get(1, slowLoader(gate)), () -> result(b.put(1, new Item(1, "new")))).name());
    assertEquals("{\"id\":1,\"name\":\"new\"}", raw.get(prefix + "posts:1"));
    assertNothingOldIsKept(a);
  }

  @Test
  void invalidateAllOnAnotherInstanceWinsOverTheFill() {
    assertEquals("old", race(gate -> a.get(1, slowLoader(gate)), () -> result(b.invalidateAll())).name());
    assertNothingOldIsKept(a);
  }

  @Test
  void getAllFillsLoseToo() {
    Item got = race(gate -> a.getAll(List.of(1), ids -> {
      Map<Integer, Item> read = Map.of(1, new Item(1, database.get()));
      loaderRead.countDown();
      return gate.future().map(v -> read);
    }), () -> result(b.invalidate(1)));
    assertEquals("old", got.name());
    assertNothingOldIsKept(a);
  }

  @Test
  void withoutARaceTheFillStillHappens() {
    assertEquals("old", result(a.get(1, this::current)).name());
    assertEquals("{\"id\":1,\"name\":\"old\"}", raw.get(prefix + "posts:1"), "filled after the load");
    assertEquals("old", result(b.get(1, id -> Future.failedFuture(new AssertionError("not from L2")))).name());
  }
}
