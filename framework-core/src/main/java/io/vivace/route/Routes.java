package io.vivace.route;

import io.vertx.core.http.HttpMethod;
import io.vivace.extract.Extractor;
import io.vivace.filter.Filter;
import io.vivace.route.impl.Endpoints;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Declares routes. Paths use Vert.x Web patterns ({@code /users/:id}, a trailing {@code *}); a
 * route takes up to six {@link Extractor}s and a handler of their values:
 *
 * <pre>{@code
 * app.get("/hello/:name", Path.string("name"), name -> "Hello, " + name);
 * app.post("/echo", Body.json(Message.class), msg -> Response.created(msg));
 * app.group("/admin", admin -> {
 *   admin.require(auth.role("admin"));          // every route of the group: 401/403 before the handler
 *   admin.filter(Filter.after((ex, result) -> result));
 *   admin.delete("/users/:id", Path.longValue("id"), id -> users.delete(id));
 * });
 * }</pre>
 *
 * Extractors and handler are composed here, once, into an {@link Endpoint}; the filters, guards
 * and timeout of the app, the enclosing groups and the route are composed once when the app
 * starts; nothing is looked up per request. The app and every group are {@code Routes}, so a module
 * that declares its routes on a {@code Routes} can be mounted on the app or under a group. Declare
 * routes before the app starts; each method returns the {@link RouteDef} to refine it. Not
 * thread-safe: declare from one thread.
 */
public interface Routes {

  /** Adds a route for {@code method} and {@code path} (under this group's prefix) served by {@code endpoint}. */
  RouteDef route(HttpMethod method, String path, Endpoint endpoint);

  /**
   * Adds a filter to every route declared on this app or group, including in its subgroups and
   * including routes declared before this call. The app's filters run outermost, then each
   * group's from the outermost group in, then the route's own ({@link RouteDef#filter}); within one
   * level, in the order added.
   *
   * @return this
   */
  Routes filter(Filter filter);

  /**
   * Adds a guard to every route declared on this app or group: an extractor whose value is
   * dropped, run before the route's own extractors (after the filters), whose
   * {@link io.vivace.problem.ProblemException} (such as the 401/403 of {@code auth.role("admin")})
   * answers the request instead of the handler. A guard that is a
   * {@link io.vivace.extract.RequestExtractor} keeps an exact route on the static path.
   *
   * @return this
   */
  Routes require(Extractor<?> guard);

  /**
   * The default request timeout of the routes declared on this app or group that do not set their
   * own ({@link RouteDef#timeout}); see there. Null: none (inherit the enclosing one).
   *
   * @return this
   */
  Routes timeout(Duration timeout);

  /**
   * Declares a group: every route {@code routes} declares on the given {@code Routes} has its path
   * under {@code prefix} ({@code "/api/v1"} + {@code "/posts"} = {@code "/api/v1/posts"}; a path of
   * {@code "/"} is the prefix itself) and the filters, guards and timeout of this app or group
   * and of the new group.
   *
   * @param prefix starts with {@code /}; a trailing {@code /} is dropped; {@code "/"} shares filters without a prefix
   * @param routes declares the group's routes, called once, now
   * @return this
   */
  Routes group(String prefix, Consumer<Routes> routes);

  /**
   * Static files under {@code prefix} (e.g. {@code "/assets"}; {@code ""} for the whole site), GET
   * and HEAD: {@code prefix/a/b.css} serves {@code a/b.css} of {@code files}' root with validators,
   * ranges, precompressed siblings and the cache preset ({@link io.vivace.files.StaticFiles} has
   * the rules). Declared as the route {@code prefix/*}, matched after every other route (the
   * app's wherever declared, health, metrics, the OpenAPI document), so it hides none of them.
   */
  default RouteDef files(String prefix, io.vivace.files.StaticFiles files) {
    if (prefix.endsWith("/")) {
      throw new IllegalArgumentException("a files prefix does not end with '/': " + prefix);
    }
    return route(HttpMethod.GET, prefix + "/*", io.vivace.files.impl.FileServer.of(files));
  }

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

  /** GET {@code path} with 4 extractors. */
  default <A, B, C, D> RouteDef get(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Handler4<A, B, C, D, ?> handler) {
    return route(HttpMethod.GET, path, Endpoints.of(a, b, c, d, handler));
  }

  /** GET {@code path} with 5 extractors. */
  default <A, B, C, D, E> RouteDef get(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Handler5<A, B, C, D, E, ?> handler) {
    return route(HttpMethod.GET, path, Endpoints.of(a, b, c, d, e, handler));
  }

  /** GET {@code path} with 6 extractors. */
  default <A, B, C, D, E, F> RouteDef get(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Extractor<F> f, Handler6<A, B, C, D, E, F, ?> handler) {
    return route(HttpMethod.GET, path, Endpoints.of(a, b, c, d, e, f, handler));
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

  /** POST {@code path} with 4 extractors. */
  default <A, B, C, D> RouteDef post(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Handler4<A, B, C, D, ?> handler) {
    return route(HttpMethod.POST, path, Endpoints.of(a, b, c, d, handler));
  }

  /** POST {@code path} with 5 extractors. */
  default <A, B, C, D, E> RouteDef post(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Handler5<A, B, C, D, E, ?> handler) {
    return route(HttpMethod.POST, path, Endpoints.of(a, b, c, d, e, handler));
  }

  /** POST {@code path} with 6 extractors. */
  default <A, B, C, D, E, F> RouteDef post(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Extractor<F> f, Handler6<A, B, C, D, E, F, ?> handler) {
    return route(HttpMethod.POST, path, Endpoints.of(a, b, c, d, e, f, handler));
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

  /** PUT {@code path} with 4 extractors. */
  default <A, B, C, D> RouteDef put(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Handler4<A, B, C, D, ?> handler) {
    return route(HttpMethod.PUT, path, Endpoints.of(a, b, c, d, handler));
  }

  /** PUT {@code path} with 5 extractors. */
  default <A, B, C, D, E> RouteDef put(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Handler5<A, B, C, D, E, ?> handler) {
    return route(HttpMethod.PUT, path, Endpoints.of(a, b, c, d, e, handler));
  }

  /** PUT {@code path} with 6 extractors. */
  default <A, B, C, D, E, F> RouteDef put(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Extractor<F> f, Handler6<A, B, C, D, E, F, ?> handler) {
    return route(HttpMethod.PUT, path, Endpoints.of(a, b, c, d, e, f, handler));
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

  /** PATCH {@code path} with 4 extractors. */
  default <A, B, C, D> RouteDef patch(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Handler4<A, B, C, D, ?> handler) {
    return route(HttpMethod.PATCH, path, Endpoints.of(a, b, c, d, handler));
  }

  /** PATCH {@code path} with 5 extractors. */
  default <A, B, C, D, E> RouteDef patch(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Handler5<A, B, C, D, E, ?> handler) {
    return route(HttpMethod.PATCH, path, Endpoints.of(a, b, c, d, e, handler));
  }

  /** PATCH {@code path} with 6 extractors. */
  default <A, B, C, D, E, F> RouteDef patch(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Extractor<F> f, Handler6<A, B, C, D, E, F, ?> handler) {
    return route(HttpMethod.PATCH, path, Endpoints.of(a, b, c, d, e, f, handler));
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

  /** DELETE {@code path} with 4 extractors. */
  default <A, B, C, D> RouteDef delete(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Handler4<A, B, C, D, ?> handler) {
    return route(HttpMethod.DELETE, path, Endpoints.of(a, b, c, d, handler));
  }

  /** DELETE {@code path} with 5 extractors. */
  default <A, B, C, D, E> RouteDef delete(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Handler5<A, B, C, D, E, ?> handler) {
    return route(HttpMethod.DELETE, path, Endpoints.of(a, b, c, d, e, handler));
  }

  /** DELETE {@code path} with 6 extractors. */
  default <A, B, C, D, E, F> RouteDef delete(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Extractor<F> f, Handler6<A, B, C, D, E, F, ?> handler) {
    return route(HttpMethod.DELETE, path, Endpoints.of(a, b, c, d, e, f, handler));
  }

  /**
   * A WebSocket route (RFC 6455) at {@code path}: a GET whose extractors run on the upgrade request,
   * before the upgrade, so a missing or bad credential is the usual problem response (401, 400...)
   * and no upgrade happens; then the connection is upgraded and {@code handler} gets the session.
   * A request without {@code Upgrade: websocket} gets 426. The route's filters, guards, request id
   * and access log apply to the upgrade request. OpenAPI 3.1 has no WebSocket operations, so the
   * route is {@link RouteDef#hidden() hidden} from the document. See
   * {@link io.vivace.websocket.WebSocketSession}.
   */
  default RouteDef ws(String path, io.vivace.websocket.WsHandler0 handler) {
    return route(HttpMethod.GET, path, Endpoints.of(() -> io.vivace.websocket.impl.Upgrade.to(handler::open))).hidden();
  }

  /** A WebSocket route with 1 extractor, run at upgrade time; see {@link #ws(String, io.vivace.websocket.WsHandler0)}. */
  default <A> RouteDef ws(String path, Extractor<A> a, io.vivace.websocket.WsHandler1<A> handler) {
    return route(HttpMethod.GET, path, Endpoints.of(a, x -> io.vivace.websocket.impl.Upgrade.to(s -> handler.open(x, s)))).hidden();
  }

  /** A WebSocket route with 2 extractors, run at upgrade time; see {@link #ws(String, io.vivace.websocket.WsHandler0)}. */
  default <A, B> RouteDef ws(String path, Extractor<A> a, Extractor<B> b, io.vivace.websocket.WsHandler2<A, B> handler) {
    return route(HttpMethod.GET, path, Endpoints.of(a, b, (x, y) -> io.vivace.websocket.impl.Upgrade.to(s -> handler.open(x, y, s)))).hidden();
  }

  /** A WebSocket route with 3 extractors, run at upgrade time; see {@link #ws(String, io.vivace.websocket.WsHandler0)}. */
  default <A, B, C> RouteDef ws(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c,
      io.vivace.websocket.WsHandler3<A, B, C> handler) {
    return route(HttpMethod.GET, path, Endpoints.of(a, b, c,
        (x, y, z) -> io.vivace.websocket.impl.Upgrade.to(s -> handler.open(x, y, z, s)))).hidden();
  }
}
