package io.vivace.extract;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vivace.openapi.ExtractorDoc;
import io.vivace.openapi.ParamDoc;
import io.vivace.problem.FieldError;
import io.vivace.problem.Problem;
import io.vivace.problem.ProblemException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A named request parameter (path, query, header or cookie) parsed into a {@code T}. Required
 * unless {@link #orElse} gives a default or {@link #optional} wraps it. A missing required value or
 * one that does not parse is a 400 problem naming the parameter and where it is. Immutable and
 * thread-safe; {@link #extract} is called on the event loop.
 *
 * @param <T> the parsed type
 */
public final class Param<T> implements Extractor<T> {
  /** Where a parameter is read from; the name is the one problem details use ({@code in}). */
  public enum In {
    PATH("path"), QUERY("query"), HEADER("header"), COOKIE("cookie");

    private final String label;

    In(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private final In in;
  private final String name;
  private final Function<String, T> parser;
  private final String expected;
  private final boolean hasDefault;
  private final T defaultValue;
  private final Predicate<T> check;
  private final String requirement;
  private final Class<?> type;
  private final Long minimum;
  private final Long maximum;

  Param(In in, String name, Function<String, T> parser, String expected) {
    this(in, name, parser, expected, String.class);
  }

  Param(In in, String name, Function<String, T> parser, String expected, Class<?> type) {
    this(in, name, parser, expected, false, null, null, null, type, null, null);
  }

  private Param(In in, String name, Function<String, T> parser, String expected, boolean hasDefault,
      T defaultValue, Predicate<T> check, String requirement, Class<?> type, Long minimum, Long maximum) {
    this.type = type;
    this.minimum = minimum;
    this.maximum = maximum;
    this.in = Objects.requireNonNull(in, "in");
    this.name = Objects.requireNonNull(name, "name");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.expected = Objects.requireNonNull(expected, "expected");
    this.hasDefault = hasDefault;
    this.defaultValue = defaultValue;
    this.check = check;
    this.requirement = requirement;
    if (name.isEmpty()) {
      throw new IllegalArgumentException("parameter name must not be empty");
    }
  }

  /** This parameter with a default for when it is absent (or empty). */
  public Param<T> orElse(T defaultValue) {
    if (in == In.PATH) {
      throw new IllegalStateException("path parameter '" + name + "' is always present; it cannot have a default");
    }
    return new Param<>(in, name, parser, expected, true, defaultValue, check, requirement, type, minimum, maximum);
  }

  /**
   * This parameter with a constraint: a value failing {@code check} is a 400 saying
   * {@code "must be " + requirement}, for example {@code .check(n -> n > 0, "positive")}.
   */
  public Param<T> check(Predicate<T> check, String requirement) {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(requirement, "requirement");
    Predicate<T> both = this.check == null ? check : this.check.and(check);
    String text = this.requirement == null ? requirement : this.requirement + " and " + requirement;
    return new Param<>(in, name, parser, expected, hasDefault, defaultValue, both, text, type, minimum, maximum);
  }

  /**
   * This numeric parameter bounded to {@code min..max} (inclusive): a value outside is a 400 saying
   * {@code "must be between min and max"}, and the document states the bounds
   * ({@code minimum}/{@code maximum}).
   *
   * @throws IllegalStateException when the parameter is not an integer or number parameter
   */
  public Param<T> range(long min, long max) {
    if (!Number.class.isAssignableFrom(type)) {
      throw new IllegalStateException("parameter '" + name + "' is not numeric; range() needs a number");
    }
    if (min > max) {
      throw new IllegalArgumentException("range of '" + name + "': min " + min + " > max " + max);
    }
    Param<T> checked = check(v -> {
      double d = ((Number) v).doubleValue();
      return d >= min && d <= max;
    }, "between " + min + " and " + max);
    return new Param<>(in, name, parser, expected, hasDefault, defaultValue, checked.check, checked.requirement,
        type, minimum == null ? min : Math.max(minimum, min), maximum == null ? max : Math.min(maximum, max));
  }

  /** This parameter for the OpenAPI document: required unless it has a default; 400 on bad input. */
  @Override
  public ExtractorDoc describe() {
    return ExtractorDoc.params(doc(!hasDefault));
  }

  private ParamDoc doc(boolean required) {
    String what = "text".equals(expected) ? null : requirement == null ? expected : expected + ", " + requirement;
    return new ParamDoc(in.label(), name, type, in == In.PATH || required, hasDefault ? defaultValue : null,
        minimum, maximum, List.of(), what);
  }

  /** An extractor of {@code Optional.empty()} when the parameter is absent. */
  public Extractor<Optional<T>> optional() {
    Param<T> self = this;
    ExtractorDoc doc = ExtractorDoc.params(doc(false));
    if (in != In.PATH) {
      return new RequestExtractor<Optional<T>>() {
        @Override
        public Optional<T> extract(HttpServerRequest req) {
          String raw = self.raw(req);
          return raw == null ? Optional.empty() : Optional.of(self.parse(raw));
        }

        @Override
        public ExtractorDoc describe() {
          return doc;
        }
      };
    }
    return new Extractor<Optional<T>>() {
      @Override
      public Optional<T> extract(RoutingContext ctx) {
        String raw = self.raw(ctx);
        return raw == null ? Optional.empty() : Optional.of(self.parse(raw));
      }

      @Override
      public ExtractorDoc describe() {
        return doc;
      }
    };
  }

  /** A query, header or cookie parameter needs only the request; a path parameter needs the router. */
  @Override
  public RequestExtractor<T> requestOnly() {
    return in == In.PATH ? null : this::extract;
  }

  public String name() {
    return name;
  }

  public In in() {
    return in;
  }

  @Override
  public T extract(RoutingContext ctx) {
    return in == In.PATH ? value(raw(ctx)) : extract(ctx.request());
  }

  /**
   * The value of a query, header or cookie parameter of {@code request}. Called on the event loop.
   *
   * @throws IllegalStateException for a path parameter, which only the router knows
   * @throws ProblemException (400) when the value is missing or malformed
   */
  public T extract(io.vertx.core.http.HttpServerRequest request) {
    if (in == In.PATH) {
      throw new IllegalStateException("path parameter '" + name + "' needs the routed request");
    }
    return value(raw(request));
  }

  private T value(String raw) {
    if (raw == null) {
      if (hasDefault) {
        return defaultValue;
      }
      throw error("is required");
    }
    return parse(raw);
  }

  private String raw(RoutingContext ctx) {
    return in == In.PATH ? nonEmpty(ctx.pathParam(name)) : raw(ctx.request());
  }

  private String raw(io.vertx.core.http.HttpServerRequest req) {
    String raw;
    switch (in) {
      case QUERY:
        raw = req.getParam(name);
        break;
      case HEADER:
        raw = req.getHeader(name);
        break;
      case COOKIE:
        io.vertx.core.http.Cookie c = req.getCookie(name);
        raw = c == null ? null : c.getValue();
        break;
      default:
        throw new IllegalStateException("path parameter '" + name + "' needs the routed request");
    }
    return nonEmpty(raw);
  }

  private static String nonEmpty(String raw) {
    return raw == null || raw.isEmpty() ? null : raw;
  }

  private T parse(String raw) {
    T value;
    try {
      value = parser.apply(raw);
    } catch (RuntimeException e) {
      throw error("must be " + expected + ", got \"" + shorten(raw) + "\"");
    }
    if (check != null && !check.test(value)) {
      throw error("must be " + requirement + ", got \"" + shorten(raw) + "\"");
    }
    return value;
  }

  private ProblemException error(String what) {
    String detail = "The " + in.label() + " parameter '" + name + "' " + what + ".";
    FieldError fe = new FieldError(in.label(), name, what);
    return new ProblemException(Problem.of(400, detail, List.of(fe)));
  }

  private static String shorten(String raw) {
    return raw.length() <= 64 ? raw : raw.substring(0, 64) + "...";
  }
}
