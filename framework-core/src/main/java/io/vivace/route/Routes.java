package io.vivace.route;

import io.vertx.core.http.HttpMethod;
import io.vivace.extract.Extractor;
import io.vivace.route.impl.Endpoints;

/**
 * Declares routes. Paths use Vert.x Web patterns ({@code /users/:id}, a trailing {@code *}); a
 * route takes up to three {@link Extractor}s and a handler of their values:
 *
 * <pre>{@code
 * app.get("/hello/:name", Path.string("name"), name -> "Hello, " + name);
 * app.post("/echo", Body.json(Message.class), msg -> Response.created(msg));
 * }</pre>
 *
 * Extractors and handler are composed here, once, into an {@link Endpoint}; nothing is looked up
 * per request. Declare routes before the app starts; each method returns the {@link RouteDef} to
 * refine it. Not thread-safe: declare from one thread.
 */
public interface Routes {

  /** Adds a route for {@code method} and {@code path} served by {@code endpoint}. */
  RouteDef route(HttpMethod method, String path, Endpoint endpoint);

  /** GET {@code path} with a handler of no arguments. */
  default RouteDef get(String path, Handler0<?> handler) {
    return route(HttpMethod.GET, path, Endpoints.of(handler));
  }

  /** GET {@code path} with 1 extractor. */
  default <A> RouteDef get(String path, Extractor<A> a, Handler1<A, ?> handler) {
    return route(HttpMethod.GET, path, Endpoints.of(a, handler));
  }

  /** GET {@code path} with 2 extractors. */
  default <A, B> RouteDef get(String path, Extractor<A> a, Extractor<B> b, Handler2<A, B, ?> handler) {
    return route(HttpMethod.GET, path, Endpoints.of(a, b, handler));
  }

  /** GET {@code path} with 3 extractors. */
  default <A, B, C> RouteDef get(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Handler3<A, B, C, ?> handler) {
    return route(HttpMethod.GET, path, Endpoints.of(a, b, c, handler));
  }

  /** POST {@code path} with a handler of no arguments. */
  default RouteDef post(String path, Handler0<?> handler) {
    return route(HttpMethod.POST, path, Endpoints.of(handler));
  }

  /** POST {@code path} with 1 extractor. */
  default <A> RouteDef post(String path, Extractor<A> a, Handler1<A, ?> handler) {
    return route(HttpMethod.POST, path, Endpoints.of(a, handler));
  }

  /** POST {@code path} with 2 extractors. */
  default <A, B> RouteDef post(String path, Extractor<A> a, Extractor<B> b, Handler2<A, B, ?> handler) {
    return route(HttpMethod.POST, path, Endpoints.of(a, b, handler));
  }

  /** POST {@code path} with 3 extractors. */
  default <A, B, C> RouteDef post(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Handler3<A, B, C, ?> handler) {
    return route(HttpMethod.POST, path, Endpoints.of(a, b, c, handler));
  }

  /** PUT {@code path} with a handler of no arguments. */
  default RouteDef put(String path, Handler0<?> handler) {
    return route(HttpMethod.PUT, path, Endpoints.of(handler));
  }

  /** PUT {@code path} with 1 extractor. */
  default <A> RouteDef put(String path, Extractor<A> a, Handler1<A, ?> handler) {
    return route(HttpMethod.PUT, path, Endpoints.of(a, handler));
  }

  /** PUT {@code path} with 2 extractors. */
  default <A, B> RouteDef put(String path, Extractor<A> a, Extractor<B> b, Handler2<A, B, ?> handler) {
    return route(HttpMethod.PUT, path, Endpoints.of(a, b, handler));
  }

  /** PUT {@code path} with 3 extractors. */
  default <A, B, C> RouteDef put(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Handler3<A, B, C, ?> handler) {
    return route(HttpMethod.PUT, path, Endpoints.of(a, b, c, handler));
  }

  /** PATCH {@code path} with a handler of no arguments. */
  default RouteDef patch(String path, Handler0<?> handler) {
    return route(HttpMethod.PATCH, path, Endpoints.of(handler));
  }

  /** PATCH {@code path} with 1 extractor. */
  default <A> RouteDef patch(String path, Extractor<A> a, Handler1<A, ?> handler) {
    return route(HttpMethod.PATCH, path, Endpoints.of(a, handler));
  }

  /** PATCH {@code path} with 2 extractors. */
  default <A, B> RouteDef patch(String path, Extractor<A> a, Extractor<B> b, Handler2<A, B, ?> handler) {
    return route(HttpMethod.PATCH, path, Endpoints.of(a, b, handler));
  }

  /** PATCH {@code path} with 3 extractors. */
  default <A, B, C> RouteDef patch(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Handler3<A, B, C, ?> handler) {
    return route(HttpMethod.PATCH, path, Endpoints.of(a, b, c, handler));
  }

  /** DELETE {@code path} with a handler of no arguments. */
  default RouteDef delete(String path, Handler0<?> handler) {
    return route(HttpMethod.DELETE, path, Endpoints.of(handler));
  }

  /** DELETE {@code path} with 1 extractor. */
  default <A> RouteDef delete(String path, Extractor<A> a, Handler1<A, ?> handler) {
    return route(HttpMethod.DELETE, path, Endpoints.of(a, handler));
  }

  /** DELETE {@code path} with 2 extractors. */
  default <A, B> RouteDef delete(String path, Extractor<A> a, Extractor<B> b, Handler2<A, B, ?> handler) {
    return route(HttpMethod.DELETE, path, Endpoints.of(a, b, handler));
  }

  /** DELETE {@code path} with 3 extractors. */
  default <A, B, C> RouteDef delete(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Handler3<A, B, C, ?> handler) {
    return route(HttpMethod.DELETE, path, Endpoints.of(a, b, c, handler));
  }
}
