package io.vivace.auth.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vivace.auth.AuthOptions;
import io.vivace.auth.MutableClock;
import io.vivace.cache.Redis;
import io.vivace.cache.testing.TestRedis;
import io.vivace.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The throttle stores' contract, on the in-process store and on Redis ({@code REDIS_URL}'s or an
 * embedded one; keys under a prefix of this run's own); time-driven behaviour on the controllable
 * clock.
 */
class ThrottleStoreTest {
  static final Vertx vertx = Vertx.vertx();
  static final List<Redis> opened = new ArrayList<>();

  @AfterAll
  static void close() throws Exception {
    for (Redis r : opened) {
      await(r.close());
    }
    vertx.close();
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static Stream<ThrottleStore> stores() throws Exception {
    List<ThrottleStore> stores = new ArrayList<>();
    stores.add(ThrottleStore.inProcess(new MutableClock(Instant.now())));
    Redis redis = Redis.create(TestRedis.options());
    opened.add(redis);
    await(redis.start());
    assertTrue(redis.up(), "the test's Redis is reachable");
    stores.add(ThrottleStore.redis(redis, "vivace-test:auth:" + UUID.randomUUID() + ":", new MutableClock(Instant.now())));
    return stores.stream();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void countersCountWithinTheirWindowAndLocksExpire(ThrottleStore store) throws Exception {
    assertEquals(new ThrottleStore.Hit(1, 60_000), await(store.hit("c", 60_000)));
    ThrottleStore.Hit second = await(store.hit("c", 60_000));
    assertEquals(2, second.count());
    assertTrue(second.ttlMs() > 55_000 && second.ttlMs() <= 60_000, "the window is fixed at the first hit: " + second);
    assertEquals(0L, await(store.ttl("lock")));
    await(store.set("lock", 30_000));
    long left = await(store.ttl("lock"));
    assertTrue(left > 25_000 && left <= 30_000, "lock ttl " + left);
    await(store.delete("c"));
    await(store.delete("lock"));
    assertEquals(1, await(store.hit("c", 60_000)).count());
    assertEquals(0L, await(store.ttl("lock")));
    await(store.delete("c"));
  }

  @Test
  void windowsAndLockoutsEndOnTheClock() throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    LoginThrottle throttle = new LoginThrottle(new AuthOptions().ipLimit(2, 60).lockoutAfter(2, 100, 300),
        ThrottleStore.inProcess(clock));
    await(throttle.attempt("10.0.0.1", "a@x.io"));
    await(throttle.attempt("10.0.0.1", "b@x.io"));
    ProblemException ip = tooMany(throttle.attempt("10.0.0.1", "c@x.io"));
    assertEquals("60", ip.headers().get("Retry-After"));
    await(throttle.attempt("10.0.0.2", "c@x.io")); // another address is not affected
    clock.advance(Duration.ofSeconds(60));
    await(throttle.attempt("10.0.0.1", "c@x.io"));

    await(throttle.failed("d@x.io"));
    clock.advance(Duration.ofSeconds(101)); // the first failure falls out of its window
    await(throttle.failed("d@x.io"));
    await(throttle.attempt("10.0.0.3", "d@x.io"));
    await(throttle.failed("d@x.io"));
    ProblemException locked = tooMany(throttle.attempt("10.0.0.3", "d@x.io"));
    assertEquals("300", locked.headers().get("Retry-After"));
    assertEquals(429, locked.status());
    clock.advance(Duration.ofSeconds(300));
    await(throttle.attempt("10.0.0.4", "d@x.io"));

    await(throttle.failed("e@x.io"));
    await(throttle.succeeded("e@x.io")); // a success clears the count
    await(throttle.failed("e@x.io"));
    await(throttle.attempt("10.0.0.5", "e@x.io"));
  }

  @Test
  void theInProcessStoreIsBoundedAndKeysDoNotGrowWithTheInput() throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    InProcessThrottleStore bounded = new InProcessThrottleStore(clock, 1000);
    List<String> keys = new java.util.concurrent.CopyOnWriteArrayList<>();
    ThrottleStore recording = new ThrottleStore() {
      @Override
      public Future<Hit> hit(String key, long windowMs) {
        keys.add(key);
        return bounded.hit(key, windowMs);
      }

      @Override
      public Future<Long> ttl(String key) {
        keys.add(key);
        return bounded.ttl(key);
      }

      @Override
      public Future<Void> set(String key, long ttlMs) {
        keys.add(key);
        return bounded.set(key, ttlMs);
      }

      @Override
      public Future<Void> delete(String key) {
        keys.add(key);
        return bounded.delete(key);
      }
    };
    LoginThrottle throttle = new LoginThrottle(new AuthOptions().ipLimit(1_000_000, 60).lockoutAfter(2, 900, 900), recording);
    String huge = "x".repeat(1 << 20) + "@example.com";
    await(throttle.attempt("10.0.0.1", huge));
    await(throttle.failed(huge));
    await(throttle.failed(huge));
    tooMany(throttle.attempt("10.0.0.1", huge)); // still the same account
    for (String k : keys) {
      assertTrue(k.length() <= 64, "a key of " + k.length() + " characters");
      assertTrue(!k.contains("example.com"), "the key is a hash, not the address: " + k);
    }
    for (int i = 0; i < 20_000; i++) {
      await(throttle.failed("user" + i + "@example.com"));
    }
    assertTrue(bounded.size() <= 1000, "entries held: " + bounded.size());
  }

  @Test
  void ipv6ClientsShareTheirSlash64AndIpv4MappedAddressesAreIpv4() throws Exception {
    LoginThrottle throttle = new LoginThrottle(new AuthOptions().ipLimit(2, 60),
        ThrottleStore.inProcess(new MutableClock(Instant.now())));
    await(throttle.attempt("2001:db8:1:2:0:0:0:1", "a@x.io"));
    await(throttle.attempt("2001:db8:1:2:ffff:1:2:3", "a@x.io")); // same /64, another host
    assertEquals(429, tooMany(throttle.attempt("2001:db8:1:2::9", "a@x.io")).status());
    await(throttle.attempt("2001:db8:1:3:0:0:0:1", "a@x.io")); // the next /64 is another client
    await(throttle.attempt("::ffff:10.0.0.9", "a@x.io"));
    await(throttle.attempt("10.0.0.9", "a@x.io"));
    assertEquals(429, tooMany(throttle.attempt("10.0.0.9", "a@x.io")).status());
    assertEquals(ThrottleKeys.client("2001:db8:1:2::1"), ThrottleKeys.client("2001:0db8:0001:0002:0000:0000:0000:0001"));
    assertEquals("none", ThrottleKeys.client(null));
    String odd = ThrottleKeys.client("x".repeat(10_000));
    assertTrue(odd.length() <= 64, "not an address: hashed, " + odd.length());
  }

  @Test
  void signupsAreLimitedPerClientAddress() throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    LoginThrottle throttle = new LoginThrottle(new AuthOptions().signupLimit(2, 60), ThrottleStore.inProcess(clock));
    await(throttle.signup("10.0.0.1"));
    await(throttle.signup("10.0.0.1"));
    ProblemException over = tooMany(throttle.signup("10.0.0.1"));
    assertEquals(429, over.status());
    assertEquals("60", over.headers().get("Retry-After"));
    await(throttle.signup("10.0.0.2"));
    clock.advance(Duration.ofSeconds(60));
    await(throttle.signup("10.0.0.1"));
  }

  static ProblemException tooMany(Future<Void> f) throws Exception {
    try {
      await(f);
    } catch (ExecutionException e) {
      return (ProblemException) e.getCause();
    }
    throw new AssertionError("expected a 429");
  }
}
