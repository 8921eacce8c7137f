package io.vivace.cache.impl;

import java.nio.charset.StandardCharsets;

/**
 * The generations that let an invalidation win over a concurrent fill of L2 (see
 * {@link RedisTier}): the Lua scripts that change a value and bump its generation atomically, the
 * script that fills only if the generations are unchanged, and the stamp a read takes. Stateless.
 */
final class Generations {
  /** A fill: stored only if the stamp read before the load still holds. */
  static final String FILL = "local s = (redis.call('GET', KEYS[2]) or '') .. '/' .. (redis.call('GET', KEYS[3]) or '')\n"
      + "if s ~= ARGV[1] then return 0 end\n"
      + "redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])\n"
      + "return 1";
  /** A write: the value stored, the key's generation bumped. */
  static final String WRITE = "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])\n"
      + "redis.call('INCR', KEYS[2])\n"
      + "redis.call('PEXPIRE', KEYS[2], ARGV[3])\n"
      + "return 1";
  /** An invalidation: the value deleted, the key's generation bumped. */
  static final String DELETE = "redis.call('DEL', KEYS[1])\n"
      + "redis.call('INCR', KEYS[2])\n"
      + "redis.call('PEXPIRE', KEYS[2], ARGV[1])\n"
      + "return 1";
  /** The cache's generation bumped (invalidateAll). */
  static final String BUMP = "redis.call('INCR', KEYS[1])\n"
      + "redis.call('PEXPIRE', KEYS[1], ARGV[1])\n"
      + "return 1";
  /** Generations live at least this long, to outlast any load in flight: {@value} ms. */
  static final long MIN_TTL_MS = 60_000;

  /** {@code keyGeneration '/' cacheGeneration}, each empty when absent: what {@link #FILL} rebuilds. */
  static byte[] stamp(byte[] keyGeneration, byte[] allGeneration) {
    int a = keyGeneration == null ? 0 : keyGeneration.length;
    int b = allGeneration == null ? 0 : allGeneration.length;
    byte[] s = new byte[a + 1 + b];
    if (a > 0) {
      System.arraycopy(keyGeneration, 0, s, 0, a);
    }
    s[a] = '/';
    if (b > 0) {
      System.arraycopy(allGeneration, 0, s, a + 1, b);
    }
    return s;
  }

  /** {@code n} as decimal ASCII, the way Redis takes numbers. */
  static byte[] ascii(long n) {
    return Long.toString(n).getBytes(StandardCharsets.US_ASCII);
  }

  private Generations() {
  }
}
