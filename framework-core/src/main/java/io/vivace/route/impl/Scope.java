package io.vivace.route.impl;

import io.vertx.core.http.HttpMethod;
import io.vivace.extract.Extractor;
import io.vivace.filter.Filter;
import io.vivace.route.Endpoint;
import io.vivace.route.RouteDef;
import io.vivace.route.Routes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The app's or a group's declarations: a path prefix, filters, guards, a default timeout, and the
 * routes declared on it. The app owns the root; {@link #served} gives each route with what it
 * inherits, when the app starts. Not thread-safe (declarations come from one thread).
 */
public final class Scope implements Routes {
  private final Consumer<RouteDef> sink;
  private final Scope parent;
  private final String prefix;
  private final Map<RouteDef, Scope> declaredIn;
  private final List<Filter> filters = new ArrayList<>();
  private final List<Extractor<?>> guards = new ArrayList<>();
  private Duration timeout;

  /** The root scope of an app: {@code sink} records each route in declaration order. */
  public Scope(Consumer<RouteDef> sink) {
    this(sink, null, "", new IdentityHashMap<>());
  }

  private Scope(Consumer<RouteDef> sink, Scope parent, String prefix, Map<RouteDef, Scope> declaredIn) {
    this.sink = sink;
    this.parent = parent;
    this.prefix = prefix;
    this.declaredIn = declaredIn;
  }

  @Override
  public RouteDef route(HttpMethod method, String path, Endpoint endpoint) {
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("route path must start with /, got '" + path + "'");
    }
    String full = prefix.isEmpty() ? path : path.equals("/") ? prefix : prefix + path;
    RouteDef def = new RouteDef(method, full, endpoint);
    sink.accept(def);
    declaredIn.put(def, this);
    return def;
  }

  @Override
  public Routes filter(Filter filter) {
    filters.add(Objects.requireNonNull(filter, "filter"));
    return this;
  }

  @Override
  public Routes require(Extractor<?> guard) {
    guards.add(Objects.requireNonNull(guard, "guard"));
    return this;
  }

  @Override
  public Routes timeout(Duration timeout) {
    if (timeout != null && timeout.toMillis() < 1) {
      throw new IllegalArgumentException("a timeout must be at least 1 ms, got " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  /**
   * Sets this scope's timeout to {@code timeout} unless one was declared in code (which wins over
   * {@code VIVACE_REQUEST_TIMEOUT}). Called once, at start, before routes are composed.
   */
  public void defaultTimeout(Duration timeout) {
    if (this.timeout == null) {
      timeout(timeout);
    }
  }

  @Override
  public Routes group(String prefix, Consumer<Routes> routes) {
    Objects.requireNonNull(prefix, "prefix");
    if (!prefix.startsWith("/")) {
      throw new IllegalArgumentException("a group prefix must start with /, got '" + prefix + "'");
    }
    String p = prefix;
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    routes.accept(new Scope(sink, this, this.prefix + p, declaredIn));
    return this;
  }

  /** {@code def} (declared on this scope or a group under it) with the filters, guards and timeout it inherits. */
  public RouteDef served(RouteDef def) {
    Scope s = declaredIn.get(def);
    if (s == null) {
      return def;
    }
    List<Filter> f = new ArrayList<>();
    List<Extractor<?>> g = new ArrayList<>();
    s.collect(f, g);
    return f.isEmpty() && g.isEmpty() && s.timeout() == null ? def : def.inherit(f, g, s.timeout());
  }

  private void collect(List<Filter> f, List<Extractor<?>> g) {
    if (parent != null) {
      parent.collect(f, g);
    }
    f.addAll(filters);
    g.addAll(guards);
  }

  private Duration timeout() {
    return timeout != null ? timeout : parent != null ? parent.timeout() : null;
  }
}
