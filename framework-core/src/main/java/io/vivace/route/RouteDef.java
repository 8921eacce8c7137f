package io.vivace.route;

import io.vertx.core.http.HttpMethod;
import io.vivace.json.Json;
import java.util.Objects;

/**
 * A declared route: method, path pattern, endpoint and flags. Returned by the {@link Routes}
 * methods so a declaration can be refined ({@code app.get(...).blocking()}). Configure it before
 * the app starts; it is read, not changed, afterwards.
 */
public final class RouteDef {
  private final HttpMethod method;
  private final String path;
  private final Endpoint endpoint;
  private boolean blocking;

  public RouteDef(HttpMethod method, String path, Endpoint endpoint) {
    this.method = Objects.requireNonNull(method, "method");
    this.path = Objects.requireNonNull(path, "path");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("route path must start with /, got '" + path + "'");
    }
  }

  /**
   * Runs the handler off the event loop: on a virtual thread when the JVM has them and
   * {@code VIVACE_VIRTUAL_THREADS} is on, else on the worker pool. Extraction still happens on the
   * event loop, and the response is written back on it.
   */
  public RouteDef blocking() {
    this.blocking = true;
    return this;
  }

  /**
   * Declares the JSON type this route answers with, so a type without a compile-time converter
   * fails now rather than on the first request.
   *
   * @throws IllegalArgumentException when {@code type} has no DSL-JSON converter
   */
  public RouteDef produces(Class<?> type) {
    Json.writerFor(type);
    return this;
  }

  public HttpMethod method() {
    return method;
  }

  public String path() {
    return path;
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  public boolean isBlocking() {
    return blocking;
  }

  @Override
  public String toString() {
    return method + " " + path + (blocking ? " (blocking)" : "");
  }
}
