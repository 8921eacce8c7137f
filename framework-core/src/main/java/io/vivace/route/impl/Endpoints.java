package io.vivace.route.impl;

import io.vertx.ext.web.RoutingContext;
import io.vivace.extract.Extractor;
import io.vivace.extract.RequestExtractor;
import io.vivace.route.Endpoint;
import io.vivace.route.Handler0;
import io.vivace.route.Handler1;
import io.vivace.route.Handler2;
import io.vivace.route.Handler3;
import io.vivace.route.Handler4;
import io.vivace.route.Handler5;
import io.vivace.route.Handler6;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Endpoints of each arity (0 to 6 extractors): final classes whose {@code invoke} is a straight
 * call. The classes of four to six extractors are in {@link WideEndpoints}.
 */
public final class Endpoints {
  private Endpoints() {
  }

  /** An endpoint that can also be called on the bare request. */
  interface Composable {
    /** The call on the bare request, or null when an extractor needs the routing context. */
    Direct direct();
  }

  /**
   * The endpoint as one call on the bare request when every extractor is a request extractor
   * ({@link Extractor#requestOnly()}), else null. Called once per route when the server starts.
   */
  public static Direct direct(Endpoint endpoint) {
    return endpoint instanceof Composable ? ((Composable) endpoint).direct() : null;
  }

  /** The endpoint of a handler of 0 extractor values. */
  public static Endpoint of(Handler0<?> h) {
    return new E0(Objects.requireNonNull(h, "handler"));
  }

  /** The endpoint of a handler of 1 extractor values. */
  public static <A> Endpoint of(Extractor<A> a, Handler1<A, ?> h) {
    return new E1<>(Objects.requireNonNull(a, "extractor 1"), Objects.requireNonNull(h, "handler"));
  }

  /** The endpoint of a handler of 2 extractor values. */
  public static <A, B> Endpoint of(Extractor<A> a, Extractor<B> b, Handler2<A, B, ?> h) {
    return new E2<>(Objects.requireNonNull(a, "extractor 1"), Objects.requireNonNull(b, "extractor 2"), Objects.requireNonNull(h, "handler"));
  }

  /** The endpoint of a handler of 3 extractor values. */
  public static <A, B, C> Endpoint of(Extractor<A> a, Extractor<B> b, Extractor<C> c, Handler3<A, B, C, ?> h) {
    return new E3<>(Objects.requireNonNull(a, "extractor 1"), Objects.requireNonNull(b, "extractor 2"), Objects.requireNonNull(c, "extractor 3"), Objects.requireNonNull(h, "handler"));
  }

  /** The endpoint of a handler of 4 extractor values. */
  public static <A, B, C, D> Endpoint of(Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Handler4<A, B, C, D, ?> h) {
    return new WideEndpoints.E4<>(Objects.requireNonNull(a, "extractor 1"), Objects.requireNonNull(b, "extractor 2"), Objects.requireNonNull(c, "extractor 3"), Objects.requireNonNull(d, "extractor 4"), Objects.requireNonNull(h, "handler"));
  }

  /** The endpoint of a handler of 5 extractor values. */
  public static <A, B, C, D, E> Endpoint of(Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Handler5<A, B, C, D, E, ?> h) {
    return new WideEndpoints.E5<>(Objects.requireNonNull(a, "extractor 1"), Objects.requireNonNull(b, "extractor 2"), Objects.requireNonNull(c, "extractor 3"), Objects.requireNonNull(d, "extractor 4"), Objects.requireNonNull(e, "extractor 5"), Objects.requireNonNull(h, "handler"));
  }

  /** The endpoint of a handler of 6 extractor values. */
  public static <A, B, C, D, E, F> Endpoint of(Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Extractor<F> f, Handler6<A, B, C, D, E, F, ?> h) {
    return new WideEndpoints.E6<>(Objects.requireNonNull(a, "extractor 1"), Objects.requireNonNull(b, "extractor 2"), Objects.requireNonNull(c, "extractor 3"), Objects.requireNonNull(d, "extractor 4"), Objects.requireNonNull(e, "extractor 5"), Objects.requireNonNull(f, "extractor 6"), Objects.requireNonNull(h, "handler"));
  }

  static final class E0 implements Endpoint, Composable {

    private final Handler0<?> h;

    E0(Handler0<?> h) {

      this.h = h;
    }

    @Override
    public Object invoke(RoutingContext ctx) throws Exception {
      return h.handle();
    }

    @Override
    public Callable<Object> bind(RoutingContext ctx) {
      return h::handle;
    }

    @Override
    public List<Extractor<?>> extractors() {
      return List.of();
    }

    @Override
    public Direct direct() {
      return req -> h.handle();
    }
  }

  static final class E1<A> implements Endpoint, Composable {
    private final Extractor<A> a;
    private final Handler1<A, ?> h;

    E1(Extractor<A> a, Handler1<A, ?> h) {
      this.a = a;
      this.h = h;
    }

    @Override
    public Object invoke(RoutingContext ctx) throws Exception {
      return h.handle(a.extract(ctx));
    }

    @Override
    public Callable<Object> bind(RoutingContext ctx) {
      A u = a.extract(ctx);
      return () -> h.handle(u);
    }

    @Override
    public List<Extractor<?>> extractors() {
      return List.of(a);
    }

    @Override
    public Direct direct() {
      RequestExtractor<A> ra = a.requestOnly();
      return ra == null ? null : req -> h.handle(ra.extract(req));
    }
  }

  static final class E2<A, B> implements Endpoint, Composable {
    private final Extractor<A> a;
    private final Extractor<B> b;
    private final Handler2<A, B, ?> h;

    E2(Extractor<A> a, Extractor<B> b, Handler2<A, B, ?> h) {
      this.a = a;
      this.b = b;
      this.h = h;
    }

    @Override
    public Object invoke(RoutingContext ctx) throws Exception {
      return h.handle(a.extract(ctx), b.extract(ctx));
    }

    @Override
    public Callable<Object> bind(RoutingContext ctx) {
      A u = a.extract(ctx);
      B v = b.extract(ctx);
      return () -> h.handle(u, v);
    }

    @Override
    public List<Extractor<?>> extractors() {
      return List.of(a, b);
    }

    @Override
    public Direct direct() {
      RequestExtractor<A> ra = a.requestOnly();
      RequestExtractor<B> rb = b.requestOnly();
      return ra == null || rb == null ? null : req -> h.handle(ra.extract(req), rb.extract(req));
    }
  }

  static final class E3<A, B, C> implements Endpoint, Composable {
    private final Extractor<A> a;
    private final Extractor<B> b;
    private final Extractor<C> c;
    private final Handler3<A, B, C, ?> h;

    E3(Extractor<A> a, Extractor<B> b, Extractor<C> c, Handler3<A, B, C, ?> h) {
      this.a = a;
      this.b = b;
      this.c = c;
      this.h = h;
    }

    @Override
    public Object invoke(RoutingContext ctx) throws Exception {
      return h.handle(a.extract(ctx), b.extract(ctx), c.extract(ctx));
    }

    @Override
    public Callable<Object> bind(RoutingContext ctx) {
      A u = a.extract(ctx);
      B v = b.extract(ctx);
      C w = c.extract(ctx);
      return () -> h.handle(u, v, w);
    }

    @Override
    public List<Extractor<?>> extractors() {
      return List.of(a, b, c);
    }

    @Override
    public Direct direct() {
      RequestExtractor<A> ra = a.requestOnly();
      RequestExtractor<B> rb = b.requestOnly();
      RequestExtractor<C> rc = c.requestOnly();
      return ra == null || rb == null || rc == null ? null : req -> h.handle(ra.extract(req), rb.extract(req), rc.extract(req));
    }
  }
}
