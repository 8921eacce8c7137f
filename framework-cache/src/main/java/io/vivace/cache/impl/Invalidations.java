package io.vivace.cache.impl;

import java.util.Map;

/**
 * The invalidation broadcast over Redis pub/sub: after a write or an invalidation reached Redis,
 * one message on the shared channel tells every other instance to drop its L1 copy. A message is
 * {@code instanceId '\n' cacheName '\n' ('k' key | 'a')}; an instance ignores its own.
 */
final class Invalidations {
  /** What a cache does with messages from other instances. Called on a Lettuce thread. */
  interface Listener {
    /** Drop the key whose encoded text is {@code key}. */
    void key(String key);

    /** Drop every entry. */
    void all();

    /** The pub/sub connection came back: messages may have been missed, drop every entry. */
    void reconnected();
  }

  private Invalidations() {
  }

  static String keyMessage(RedisImpl redis, String cache, String key) {
    return redis.instanceId + '\n' + cache + "\nk" + key;
  }

  static String allMessage(RedisImpl redis, String cache) {
    return redis.instanceId + '\n' + cache + "\na";
  }

  static void dispatch(RedisImpl redis, String message, Map<String, Listener> listeners) {
    int a = message.indexOf('\n');
    int b = a < 0 ? -1 : message.indexOf('\n', a + 1);
    if (b < 0 || b + 1 >= message.length() || message.startsWith(redis.instanceId + '\n')) {
      return; // not ours to read, or our own
    }
    Listener l = listeners.get(message.substring(a + 1, b));
    if (l == null) {
      return;
    }
    if (message.charAt(b + 1) == 'a') {
      l.all();
    } else {
      l.key(message.substring(b + 2));
    }
  }
}
