package io.vivace.extract;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The validation rules of a request body type, declared once, that both check a value (with the
 * same messages as {@link Validation}'s methods) and describe themselves, so the app's OpenAPI
 * document shows them in the type's schema ({@code required}, {@code minLength}/{@code maxLength},
 * {@code minimum}/{@code maximum}, {@code minItems}/{@code maxItems}, {@code format: email}):
 *
 * <pre>{@code
 * public record NewPost(String title, String body) implements Validatable {
 *   static final Rules<NewPost> RULES = Rules.of(NewPost.class)
 *       .notBlank("title", NewPost::title).length("title", NewPost::title, 1, 200);
 *   public void validate(Validation v) { RULES.check(this, v); }
 * }
 * }</pre>
 *
 * <p>Field names are the JSON member names (as {@link Validation} takes them). {@link #of} records the
 * rules under the type, where the document builder finds them at start-up; checking a value calls the
 * getters (no reflection). Declare the rules in a static initializer of the type itself (as above)
 * and add none after it ends: after that an instance is read-only and safe to use from any thread.
 * A rule the schema cannot state ({@link #check}) is named in the member's description. Lengths are
 * counted in UTF-16 units ({@link String#length()}); JSON Schema counts characters, so they differ
 * only for characters outside the Basic Multilingual Plane.
 *
 * @param <T> the body type
 */
public final class Rules<T> {
  /**
   * The rules of each type, kept with the type itself (a {@code ClassValue}), so a JVM-wide table does
   * not hold classes of an app version a reloading host ({@code vivace dev}) has dropped.
   */
  private static final ClassValue<AtomicReference<Rules<?>>> DECLARED = new ClassValue<>() {
    @Override
    protected AtomicReference<Rules<?>> computeValue(Class<?> type) {
      return new AtomicReference<>();
    }
  };

  /** What a rule requires, for the schema. */
  public enum Kind {
    /** Present and not null. */
    REQUIRED,
    /** Present, not null and not blank (some non-whitespace character). */
    NOT_BLANK,
    /** A string of {@code min} to {@code max} characters (null passes). */
    LENGTH,
    /** A number from {@code min} to {@code max} (null passes). */
    RANGE,
    /** A collection of {@code min} to {@code max} items (null passes). */
    SIZE,
    /** An e-mail address: some text, {@code @}, some text (null passes). */
    EMAIL,
    /** A check of code; {@code detail} says what it requires. */
    CHECK
  }

  /**
   * One declared rule, as the schema reads it.
   *
   * @param field the JSON member name
   * @param min the lower bound of {@link Kind#LENGTH}, {@link Kind#RANGE}, {@link Kind#SIZE}; else 0
   * @param max the upper bound of those; else 0
   * @param detail the message of {@link Kind#CHECK}; else null
   */
  public record Rule(String field, Kind kind, long min, long max, String detail) {
  }

  private interface Step<T> {
    void check(T value, Validation v);
  }

  private final Class<T> type;
  private final List<Rule> rules = new ArrayList<>();
  private final List<Step<T>> steps = new ArrayList<>();

  private Rules(Class<T> type) {
    this.type = type;
  }

  /** New, empty rules of {@code type}, recorded as its rules (replacing any earlier ones). */
  public static <T> Rules<T> of(Class<T> type) {
    Rules<T> r = new Rules<>(Objects.requireNonNull(type, "type"));
    DECLARED.get(type).set(r);
    return r;
  }

  /**
   * The rules declared for {@code type}, or null. Initializes {@code type} first (its static
   * initializer declares them). Called when the OpenAPI document is built, not per request.
   */
  public static Rules<?> declaredFor(Class<?> type) {
    try {
      Class.forName(type.getName(), true, type.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
    return DECLARED.get(type).get();
  }

  /** The body type these rules check. */
  public Class<T> type() {
    return type;
  }

  /** The declared rules, in declaration order. */
  public List<Rule> rules() {
    return List.copyOf(rules);
  }

  private Rules<T> add(Rule rule, Step<T> step) {
    rules.add(rule);
    steps.add(step);
    return this;
  }

  /** {@code field} must be present and not null ("is required"). */
  public Rules<T> required(String field, Function<T, ?> get) {
    return add(new Rule(field, Kind.REQUIRED, 0, 0, null), (t, v) -> v.required(field, get.apply(t)));
  }

  /** {@code field} must be present and not blank ({@link Validation#notBlank}). */
  public Rules<T> notBlank(String field, Function<T, String> get) {
    return add(new Rule(field, Kind.NOT_BLANK, 0, 0, null), (t, v) -> v.notBlank(field, get.apply(t)));
  }

  /** {@code field}, when present, has {@code min} to {@code max} characters ({@link Validation#length}). */
  public Rules<T> length(String field, Function<T, String> get, int min, int max) {
    return add(new Rule(field, Kind.LENGTH, min, max, null), (t, v) -> v.length(field, get.apply(t), min, max));
  }

  /** {@code field}, when present, is from {@code min} to {@code max} ({@link Validation#range}). */
  public Rules<T> range(String field, Function<T, ? extends Number> get, long min, long max) {
    return add(new Rule(field, Kind.RANGE, min, max, null), (t, v) -> v.range(field, get.apply(t), min, max));
  }

  /** {@code field}, when present, has {@code min} to {@code max} items. */
  public Rules<T> size(String field, Function<T, ? extends Collection<?>> get, int min, int max) {
    return add(new Rule(field, Kind.SIZE, min, max, null), (t, v) -> {
      Collection<?> c = get.apply(t);
      v.check(c == null || c.size() >= min && c.size() <= max, field,
          "must have " + min + " to " + max + " items, had " + (c == null ? 0 : c.size()));
    });
  }

  /** {@code field}, when present, looks like an e-mail address: text, {@code @}, text ("must be an e-mail address"). */
  public Rules<T> email(String field, Function<T, String> get) {
    return add(new Rule(field, Kind.EMAIL, 0, 0, null), (t, v) -> {
      String s = get.apply(t);
      int at = s == null ? -1 : s.indexOf('@');
      v.check(s == null || at > 0 && at < s.length() - 1, field, "must be an e-mail address");
    });
  }

  /** {@code detail} for {@code field} unless {@code ok} holds; in the schema as text only. */
  public Rules<T> check(String field, Predicate<T> ok, String detail) {
    return add(new Rule(field, Kind.CHECK, 0, 0, detail), (t, v) -> v.check(ok.test(t), field, detail));
  }

  /** Records every broken rule of {@code value} in {@code v}, in declaration order. Any thread. */
  public void check(T value, Validation v) {
    for (int i = 0; i < steps.size(); i++) {
      steps.get(i).check(value, v);
    }
  }
}
