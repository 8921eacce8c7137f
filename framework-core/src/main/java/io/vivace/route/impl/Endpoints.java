package io.vivace.route.impl;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vivace.extract.Extractor;
import io.vivace.extract.RequestExtractor;
import io.vivace.route.Endpoint;
import io.vivace.route.Handler0;
import io.vivace.route.Handler1;
import io.vivace.route.Handler2;
import io.vivace.route.Handler3;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/** Endpoints of each arity: final classes whose {@code invoke} is a straight call. */
public final class Endpoints {
  private Endpoints() {
  }

  /** A call that needs only the request: what a static route runs. */
  @FunctionalInterface
  public interface Direct {
    Object handle(HttpServerRequest request) throws Exception;
  }

  /**
   * The direct call of an endpoint without extractors or with one or two
   * {@link RequestExtractor}s, or null for any other endpoint (it needs the router).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Direct direct(Endpoint endpoint) {
    if (endpoint instanceof E0) {
      Handler0<?> h = ((E0) endpoint).h;
      return request -> h.handle();
    }
    if (endpoint instanceof E1 && ((E1) endpoint).a instanceof RequestExtractor) {
      RequestExtractor a = (RequestExtractor) ((E1) endpoint).a;
      Handler1 h = ((E1) endpoint).h;
      return request -> h.handle(a.extract(request));
    }
    if (endpoint instanceof E2 && ((E2) endpoint).a instanceof RequestExtractor && ((E2) endpoint).b instanceof RequestExtractor) {
      RequestExtractor a = (RequestExtractor) ((E2) endpoint).a;
      RequestExtractor b = (RequestExtractor) ((E2) endpoint).b;
      Handler2 h = ((E2) endpoint).h;
      return request -> h.handle(a.extract(request), b.extract(request));
    }
    return null;
  }

  public static Endpoint of(Handler0<?> h) {
    return new E0(Objects.requireNonNull(h, "handler"));
  }

  public static <A> Endpoint of(Extractor<A> a, Handler1<A, ?> h) {
    return new E1<>(Objects.requireNonNull(a, "extractor"), Objects.requireNonNull(h, "handler"));
  }

  public static <A, B> Endpoint of(Extractor<A> a, Extractor<B> b, Handler2<A, B, ?> h) {
    return new E2<>(Objects.requireNonNull(a, "extractor 1"), Objects.requireNonNull(b, "extractor 2"),
        Objects.requireNonNull(h, "handler"));
  }

  public static <A, B, C> Endpoint of(Extractor<A> a, Extractor<B> b, Extractor<C> c, Handler3<A, B, C, ?> h) {
    return new E3<>(Objects.requireNonNull(a, "extractor 1"), Objects.requireNonNull(b, "extractor 2"),
        Objects.requireNonNull(c, "extractor 3"), Objects.requireNonNull(h, "handler"));
  }

  private static final class E0 implements Endpoint {
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
  }

  private static final class E1<A> implements Endpoint {
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
      A x = a.extract(ctx);
      return () -> h.handle(x);
    }

    @Override
    public List<Extractor<?>> extractors() {
      return List.of(a);
    }
  }

  private static final class E2<A, B> implements Endpoint {
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
      A x = a.extract(ctx);
      B y = b.extract(ctx);
      return () -> h.handle(x, y);
    }

    @Override
    public List<Extractor<?>> extractors() {
      return List.of(a, b);
    }
  }

  private static final class E3<A, B, C> implements Endpoint {
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
      A x = a.extract(ctx);
      B y = b.extract(ctx);
      C z = c.extract(ctx);
      return () -> h.handle(x, y, z);
    }

    @Override
    public List<Extractor<?>> extractors() {
      return List.of(a, b, c);
    }
  }
}
