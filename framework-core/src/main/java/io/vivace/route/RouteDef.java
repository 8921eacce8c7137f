package io.vivace.route;

import io.vertx.core.http.HttpMethod;
import io.vivace.extract.Extractor;
import io.vivace.filter.Filter;
import io.vivace.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A declared route: method, path pattern, endpoint, flags, and its own filters, guards and
 * timeout. Returned by the {@link Routes} methods so a declaration can be refined
 * ({@code app.get(...).blocking().timeout(Duration.ofSeconds(2))}). Configure it before the app
 * starts; it is read, not changed, afterwards.
 */
public final class RouteDef {
  private final HttpMethod method;
  private final String path;
  private final Endpoint endpoint;
  private final List<Filter> filters = new ArrayList<>();
  private final List<Extractor<?>> guards = new ArrayList<>();
  private boolean blocking;
  private Duration timeout;
  private Class<?> resultType;
  private Class<?> resultItemType;
  private int successStatus = 200;
  private String mediaType;
  private final ApiInfo info = new ApiInfo();

  /** The OpenAPI metadata of a route, copied by {@link #inherit}. */
  private static final class ApiInfo {
    String operationId;
    String summary;
    String description;
    List<String> tags = List.of();
    boolean deprecated;
    java.util.Set<Integer> errors = java.util.Set.of();
    java.util.Set<Integer> otherStatuses = java.util.Set.of();
    boolean hidden;

    void copyTo(ApiInfo o) {
      o.operationId = operationId;
      o.summary = summary;
      o.description = description;
      o.tags = tags;
      o.deprecated = deprecated;
      o.errors = errors;
      o.otherStatuses = otherStatuses;
      o.hidden = hidden;
    }
  }

  public RouteDef(HttpMethod method, String path, Endpoint endpoint) {
    this.method = Objects.requireNonNull(method, "method");
    this.path = Objects.requireNonNull(path, "path");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("route path must start with /, got '" + path + "'");
    }
    io.vivace.route.impl.RoutePaths.checkCharacters(path);
  }

  /**
   * Runs the handler off the event loop: on a virtual thread when the JVM has them and
   * {@code VIVACE_VIRTUAL_THREADS} is on, else on the worker pool. Extraction and filters still
   * happen on the event loop, and the response is written back on it.
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
    if (type != String.class && type != Void.class) {
      Json.writerFor(type);
    }
    this.resultType = type;
    this.resultItemType = null;
    return this;
  }

  /**
   * Declares a generic JSON result: {@code produces(Page.class, Post.class)} for a
   * {@code Page<Post>}, {@code CursorPage.class} or {@code List.class} likewise. The OpenAPI
   * document uses it for the response schema (a lambda's result type is erased, so a route that
   * declares none is named in a start-up warning). {@code Optional} results need no declaration of
   * their own: declare the value's type.
   *
   * @throws IllegalArgumentException when {@code itemType} has no DSL-JSON converter
   */
  public RouteDef produces(Class<?> container, Class<?> itemType) {
    if (itemType != String.class) {
      Json.writerFor(itemType);
    }
    this.resultType = Objects.requireNonNull(container, "container");
    this.resultItemType = Objects.requireNonNull(itemType, "itemType");
    return this;
  }

  /**
   * The status of a successful answer, for the document: 200 (the default), 201 (documented with
   * a {@code Location} header, RFC 9110 §10.2.2), 202 or 204 (no body). It does not change what the
   * handler answers.
   */
  public RouteDef status(int status) {
    if (status < 200 || status > 299) {
      throw new IllegalArgumentException("a success status is 2xx, got " + status);
    }
    this.successStatus = status;
    return this;
  }

  /**
   * Other success statuses the handler answers with, for the document, each with the same body as
   * {@link #status}'s: a {@code PUT} that answers 201 when it creates and 200 when the resource was
   * there already ({@code status(201).otherStatuses(200)}). It does not change what the handler
   * answers.
   *
   * @throws IllegalArgumentException naming a status outside 200 to 299
   */
  public RouteDef otherStatuses(int... statuses) {
    info.otherStatuses = union(info.otherStatuses, statuses, 200, 299, "a success status is 2xx");
    return this;
  }

  /** {@code set} with {@code statuses}, each checked to be within {@code min..max} (else {@code rule}, got it). */
  private static java.util.Set<Integer> union(java.util.Set<Integer> set, int[] statuses, int min, int max, String rule) {
    java.util.Set<Integer> all = new java.util.TreeSet<>(set);
    for (int s : statuses) {
      if (s < min || s > max) {
        throw new IllegalArgumentException(rule + ", got " + s);
      }
      all.add(s);
    }
    return java.util.Set.copyOf(all);
  }

  /**
   * The media type of the success body, for the document, when it is not the one the result type
   * implies ({@code text/plain} for a {@code String}, {@code application/json} for other values):
   * {@code produces(String.class).mediaType("text/html")}.
   */
  public RouteDef mediaType(String mediaType) {
    this.mediaType = Objects.requireNonNull(mediaType, "mediaType");
    return this;
  }

  /** The declared media type of the success body, or null for the one the result type implies. */
  public String mediaTypeOrNull() {
    return mediaType;
  }

  /** The OpenAPI {@code operationId}: unique in the app; defaults to one made of method and path. */
  public RouteDef operationId(String operationId) {
    info.operationId = Objects.requireNonNull(operationId, "operationId");
    return this;
  }

  /** A one-line summary for the document. */
  public RouteDef summary(String summary) {
    info.summary = summary;
    return this;
  }

  /** A longer description for the document (CommonMark). */
  public RouteDef description(String description) {
    info.description = description;
    return this;
  }

  /** Tags grouping the operation in the document (and in the docs UI). */
  public RouteDef tags(String... tags) {
    info.tags = List.of(tags);
    return this;
  }

  /** Marks the operation deprecated in the document. */
  public RouteDef deprecated() {
    info.deprecated = true;
    return this;
  }

  /**
   * Error statuses the handler can answer with beyond what its extractors describe (404 of an
   * empty {@code Optional} or a database {@code NotFoundException}, 409 of a unique constraint...),
   * for the document.
   */
  public RouteDef errors(int... statuses) {
    info.errors = union(info.errors, statuses, 400, 599, "an error status is 4xx or 5xx");
    return this;
  }

  /** Leaves this route out of the OpenAPI document (and out of the undeclared-result warning). */
  public RouteDef hidden() {
    info.hidden = true;
    return this;
  }

  /** The declared result type (or container of {@link #resultItemType}), or null when undeclared. */
  public Class<?> resultType() {
    return resultType;
  }

  /** The declared item type of a generic result ({@code Page<T>}, {@code List<T>}), or null. */
  public Class<?> resultItemType() {
    return resultItemType;
  }

  /** The documented success status (200 unless {@link #status} set it). */
  public int successStatus() {
    return successStatus;
  }

  /** The other documented success statuses ({@link #otherStatuses}), ascending; empty when none. */
  public java.util.SortedSet<Integer> otherSuccessStatuses() {
    return java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(info.otherStatuses));
  }

  /** The {@code operationId} set, or null. */
  public String operationIdOrNull() {
    return info.operationId;
  }

  /** The summary, or null. */
  public String summaryOrNull() {
    return info.summary;
  }

  /** The description, or null. */
  public String descriptionOrNull() {
    return info.description;
  }

  /** The tags, possibly empty. */
  public List<String> tagList() {
    return info.tags;
  }

  /** Whether the operation is documented as deprecated. */
  public boolean isDeprecated() {
    return info.deprecated;
  }

  /** The error statuses declared with {@link #errors}. */
  public java.util.Set<Integer> declaredErrors() {
    return info.errors;
  }

  /** Whether the route is left out of the document. */
  public boolean isHidden() {
    return info.hidden;
  }

  /** Adds a filter to this route only: it runs inside the app's and the groups' filters. */
  public RouteDef filter(Filter filter) {
    filters.add(Objects.requireNonNull(filter, "filter"));
    return this;
  }

  /** Adds a guard to this route only (see {@link Routes#require}); it runs after the groups' guards. */
  public RouteDef require(Extractor<?> guard) {
    guards.add(Objects.requireNonNull(guard, "guard"));
    return this;
  }

  /**
   * Answers {@code 503 Service Unavailable} (a problem with {@code Retry-After}) when the
   * handler's result is not known within {@code timeout} of the route's call (filters, guards,
   * extractors, handler) returning it still pending; the late result is then dropped (not written, a late failure logged at DEBUG). Only
   * asynchronous results ({@code Future}, {@code CompletionStage}, blocking routes) can be late: a
   * handler that returns a value has answered already. A timer runs only on routes with a timeout.
   * Overrides the group's or app's default ({@link Routes#timeout}).
   *
   * @param timeout positive, at least 1 ms
   */
  public RouteDef timeout(Duration timeout) {
    if (timeout != null && timeout.toMillis() < 1) {
      throw new IllegalArgumentException("a route timeout must be at least 1 ms, got " + timeout);
    }
    this.timeout = timeout;
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

  /** The filters, outermost first: once served, the app's and groups' before the route's own. */
  public List<Filter> filters() {
    return List.copyOf(filters);
  }

  /** The guards, in the order they run: once served, the app's and groups' before the route's own. */
  public List<Extractor<?>> guards() {
    return List.copyOf(guards);
  }

  /** The request timeout, or null for none. */
  public Duration timeout() {
    return timeout;
  }

  /** Whether a request to this route goes through a composed chain (filters, guards or a timeout). */
  public boolean isFiltered() {
    return !filters.isEmpty() || !guards.isEmpty() || timeout != null;
  }

  /**
   * This route as served: a copy with {@code filters} and {@code guards} (those of the app and of
   * the groups that declared it, outermost first) before its own, and {@code defaultTimeout} when
   * it has none. Used by the app when it starts.
   */
  public RouteDef inherit(List<Filter> filters, List<Extractor<?>> guards, Duration defaultTimeout) {
    RouteDef d = new RouteDef(method, path, endpoint);
    d.blocking = blocking;
    d.resultType = resultType;
    d.resultItemType = resultItemType;
    d.successStatus = successStatus;
    d.mediaType = mediaType;
    info.copyTo(d.info);
    d.filters.addAll(filters);
    d.filters.addAll(this.filters);
    d.guards.addAll(guards);
    d.guards.addAll(this.guards);
    d.timeout = timeout != null ? timeout : defaultTimeout;
    return d;
  }

  @Override
  public String toString() {
    return method + " " + path + (blocking ? " (blocking)" : "");
  }
}
