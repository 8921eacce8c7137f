package io.vivace.route.impl;

import io.vertx.ext.web.RoutingContext;
import io.vivace.extract.Extractor;
import io.vivace.extract.RequestExtractor;
import io.vivace.route.Endpoint;
import io.vivace.route.Handler4;
import io.vivace.route.Handler5;
import io.vivace.route.Handler6;
import java.util.List;
import java.util.concurrent.Callable;

/** The endpoints of four, five and six extractors (made by {@link Endpoints#of}). */
final class WideEndpoints {
  private WideEndpoints() {
  }

  static final class E4<A, B, C, D> implements Endpoint, Endpoints.Composable {
    private final Extractor<A> a;
    private final Extractor<B> b;
    private final Extractor<C> c;
    private final Extractor<D> d;
    private final Handler4<A, B, C, D, ?> h;

    E4(Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Handler4<A, B, C, D, ?> h) {
      this.a = a;
      this.b = b;
      this.c = c;
      this.d = d;
      this.h = h;
    }

    @Override
    public Object invoke(RoutingContext ctx) throws Exception {
      return h.handle(a.extract(ctx), b.extract(ctx), c.extract(ctx), d.extract(ctx));
    }

    @Override
    public Callable<Object> bind(RoutingContext ctx) {
      A u = a.extract(ctx);
      B v = b.extract(ctx);
      C w = c.extract(ctx);
      D x = d.extract(ctx);
      return () -> h.handle(u, v, w, x);
    }

    @Override
    public List<Extractor<?>> extractors() {
      return List.of(a, b, c, d);
    }

    @Override
    public Direct direct() {
      RequestExtractor<A> ra = a.requestOnly();
      RequestExtractor<B> rb = b.requestOnly();
      RequestExtractor<C> rc = c.requestOnly();
      RequestExtractor<D> rd = d.requestOnly();
      return ra == null || rb == null || rc == null || rd == null ? null : req -> h.handle(ra.extract(req), rb.extract(req), rc.extract(req), rd.extract(req));
    }
  }

  static final class E5<A, B, C, D, E> implements Endpoint, Endpoints.Composable {
    private final Extractor<A> a;
    private final Extractor<B> b;
    private final Extractor<C> c;
    private final Extractor<D> d;
    private final Extractor<E> e;
    private final Handler5<A, B, C, D, E, ?> h;

    E5(Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Handler5<A, B, C, D, E, ?> h) {
      this.a = a;
      this.b = b;
      this.c = c;
      this.d = d;
      this.e = e;
      this.h = h;
    }

    @Override
    public Object invoke(RoutingContext ctx) throws Exception {
      return h.handle(a.extract(ctx), b.extract(ctx), c.extract(ctx), d.extract(ctx), e.extract(ctx));
    }

    @Override
    public Callable<Object> bind(RoutingContext ctx) {
      A u = a.extract(ctx);
      B v = b.extract(ctx);
      C w = c.extract(ctx);
      D x = d.extract(ctx);
      E y = e.extract(ctx);
      return () -> h.handle(u, v, w, x, y);
    }

    @Override
    public List<Extractor<?>> extractors() {
      return List.of(a, b, c, d, e);
    }

    @Override
    public Direct direct() {
      RequestExtractor<A> ra = a.requestOnly();
      RequestExtractor<B> rb = b.requestOnly();
      RequestExtractor<C> rc = c.requestOnly();
      RequestExtractor<D> rd = d.requestOnly();
      RequestExtractor<E> re = e.requestOnly();
      return ra == null || rb == null || rc == null || rd == null || re == null ? null : req -> h.handle(ra.extract(req), rb.extract(req), rc.extract(req), rd.extract(req), re.extract(req));
    }
  }

  static final class E6<A, B, C, D, E, F> implements Endpoint, Endpoints.Composable {
    private final Extractor<A> a;
    private final Extractor<B> b;
    private final Extractor<C> c;
    private final Extractor<D> d;
    private final Extractor<E> e;
    private final Extractor<F> f;
    private final Handler6<A, B, C, D, E, F, ?> h;

    E6(Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Extractor<F> f, Handler6<A, B, C, D, E, F, ?> h) {
      this.a = a;
      this.b = b;
      this.c = c;
      this.d = d;
      this.e = e;
      this.f = f;
      this.h = h;
    }

    @Override
    public Object invoke(RoutingContext ctx) throws Exception {
      return h.handle(a.extract(ctx), b.extract(ctx), c.extract(ctx), d.extract(ctx), e.extract(ctx), f.extract(ctx));
    }

    @Override
    public Callable<Object> bind(RoutingContext ctx) {
      A u = a.extract(ctx);
      B v = b.extract(ctx);
      C w = c.extract(ctx);
      D x = d.extract(ctx);
      E y = e.extract(ctx);
      F z = f.extract(ctx);
      return () -> h.handle(u, v, w, x, y, z);
    }

    @Override
    public List<Extractor<?>> extractors() {
      return List.of(a, b, c, d, e, f);
    }

    @Override
    public Direct direct() {
      RequestExtractor<A> ra = a.requestOnly();
      RequestExtractor<B> rb = b.requestOnly();
      RequestExtractor<C> rc = c.requestOnly();
      RequestExtractor<D> rd = d.requestOnly();
      RequestExtractor<E> re = e.requestOnly();
      RequestExtractor<F> rf = f.requestOnly();
      return ra == null || rb == null || rc == null || rd == null || re == null || rf == null ? null : req -> h.handle(ra.extract(req), rb.extract(req), rc.extract(req), rd.extract(req), re.extract(req), rf.extract(req));
    }
  }
}
