package io.vivace.examples.blog;

import io.vivace.cache.Cache;
import io.vivace.cache.Caches;
import io.vivace.cache.Codec;
import io.vivace.cache.KeyCodec;
import java.time.Duration;

/**
 * The blog's caches, on two tiers when {@code REDIS_URL} is set (Caffeine alone otherwise): each
 * post with all its includes (author, comments with their authors, tags) by id, and user
 * profiles by id. A post's entry is dropped on update and delete, on this instance and, through
 * Redis pub/sub, on every other; a request for fewer includes is answered from the same entry.
 */
final class BlogCache {
  /** A post with every include, or a cached "no such post" (kept 5 s). */
  final Cache<Long, PostDetail> posts;
  /** User profiles; users are never changed through the API, so they only expire. */
  final Cache<Long, User> users;

  BlogCache(Caches caches) {
    // tag::blog-cache[]
    posts = caches.register(Cache.<Long, PostDetail>builder("blog-posts")
        .maximumSize(10_000)
        .expireAfterWrite(Duration.ofMinutes(10))
        .negativeTtl(Duration.ofSeconds(5))
        .redis(caches.redis(), KeyCodec.LONG, Codec.json(PostDetail.class))
        .build());
    // end::blog-cache[]
    users = caches.register(Cache.<Long, User>builder("blog-users")
        .maximumSize(10_000)
        .expireAfterWrite(Duration.ofMinutes(10))
        .redis(caches.redis(), KeyCodec.LONG, Codec.json(User.class))
        .build());
  }
}
