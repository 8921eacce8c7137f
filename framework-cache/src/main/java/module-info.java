/**
 * Vivace's caches: Caffeine in process, Redis through Lettuce, invalidation, whole-response
 * caching, and the app's one Redis client. Only the API packages are exported;
 * {@code io.vivace.cache.impl} is internal.
 *
 * <p>Lettuce ({@code io.lettuce:lettuce-core}) has no module descriptor; it is the automatic module
 * {@code lettuce.core}, the stable name its manifest declares ({@code Automatic-Module-Name}).
 */
module io.vivace.cache {
  requires transitive io.vivace.core;
  // CacheBuilder.ticker takes a Caffeine Ticker; Redis.commands() returns Lettuce's commands.
  requires transitive com.github.benmanes.caffeine;
  requires transitive lettuce.core;
  requires io.netty.common;
  requires org.slf4j;
  requires static io.vertx.codegen.api;
  // @javax.annotation.processing.Generated on the DSL-JSON converters (public classes of the exported
  // packages); source retention, so compile time only.
  requires static transitive java.compiler;

  exports io.vivace.cache;
  exports io.vivace.cache.http;
}
