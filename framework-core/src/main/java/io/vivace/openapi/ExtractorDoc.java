package io.vivace.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one extractor contributes to a route's OpenAPI operation: its parameters, the type of the
 * JSON request body it reads, whether it needs a bearer token (and which roles), and the error
 * statuses it can answer with (400, 401, 403, 412, 413, 415, 422...). Returned by
 * {@link io.vivace.extract.Extractor#describe()}, which the document generator calls once, when
 * the app starts; never per request. Immutable and thread-safe.
 */
public final class ExtractorDoc {
  private static final ExtractorDoc NONE = new ExtractorDoc(List.of(), null, false, List.of(), Set.of(), false);

  private final List<ParamDoc> params;
  private final Class<?> body;
  private final boolean bearer;
  private final List<String> roles;
  private final Set<Integer> errors;
  private final boolean optionalBearer;

  private ExtractorDoc(List<ParamDoc> params, Class<?> body, boolean bearer, List<String> roles, Set<Integer> errors,
      boolean optionalBearer) {
    this.optionalBearer = optionalBearer;
    this.params = List.copyOf(params);
    this.body = body;
    this.bearer = bearer;
    this.roles = List.copyOf(roles);
    this.errors = Set.copyOf(errors);
  }

  /** Nothing to document (the default of an extractor that does not describe itself). */
  public static ExtractorDoc none() {
    return NONE;
  }

  /** Parameters; a parameter's parse or check failure is a 400. */
  public static ExtractorDoc params(ParamDoc... params) {
    return new ExtractorDoc(List.of(params), null, false, List.of(), Set.of(400), false);
  }

  /**
   * A JSON request body of {@code type} (a {@code @CompiledJson} record or another type the schema
   * generator knows); errors 400 (empty or malformed), 413 (too large), 415 (not JSON), 422 (does
   * not fit the type or fails validation).
   */
  public static ExtractorDoc jsonBody(Class<?> type) {
    return new ExtractorDoc(List.of(), Objects.requireNonNull(type, "type"), false, List.of(), Set.of(400, 413, 415, 422), false);
  }

  /**
   * A {@code multipart/form-data} request body (RFC 7578; {@code Body.multipart}); errors 400
   * (malformed, a missing or bad field), 413 (a part, the body or the part count over its limit),
   * 415 (another content type).
   */
  public static ExtractorDoc multipartBody() {
    return new ExtractorDoc(List.of(), io.vivace.extract.Multipart.class, false, List.of(), Set.of(400, 413, 415), false);
  }

  /**
   * A bearer token (RFC 6750; a JWT) in {@code Authorization}: 401 without a valid one, and with
   * {@code roles} (any of them suffices) 403 when the token has none of them.
   */
  public static ExtractorDoc bearer(String... roles) {
    Set<Integer> errors = roles.length == 0 ? Set.of(401) : Set.of(401, 403);
    return new ExtractorDoc(List.of(), null, true, List.of(roles), errors, false);
  }

  /**
   * A bearer token that may be absent (the operation also answers anonymous requests); an invalid
   * one is still a 401.
   */
  public static ExtractorDoc optionalBearer() {
    return new ExtractorDoc(List.of(), null, false, List.of(), Set.of(401), true);
  }

  /**
   * This description with {@code statuses} added to the errors it can answer with; {@code 304}
   * documents a conditional GET ({@code If-None-Match}): a 304 response and an {@code ETag} header
   * on the 200.
   */
  public ExtractorDoc withErrors(int... statuses) {
    Set<Integer> all = new TreeSet<>(errors);
    for (int s : statuses) {
      all.add(s);
    }
    return new ExtractorDoc(params, body, bearer, roles, all, optionalBearer);
  }

  /** Both descriptions in one (used for an extractor made of others). */
  public ExtractorDoc and(ExtractorDoc other) {
    List<ParamDoc> p = new ArrayList<>(params);
    p.addAll(other.params);
    List<String> r = new ArrayList<>(roles);
    r.addAll(other.roles);
    Set<Integer> e = new TreeSet<>(errors);
    e.addAll(other.errors);
    return new ExtractorDoc(p, body != null ? body : other.body, bearer || other.bearer, r, e,
        optionalBearer || other.optionalBearer);
  }

  /** The parameters, in declaration order. */
  public List<ParamDoc> params() {
    return params;
  }

  /** The JSON request body's type, or null when this extractor reads no JSON body. */
  public Class<?> body() {
    return body;
  }

  /** Whether a bearer token is read. */
  public boolean needsBearer() {
    return bearer;
  }

  /** Whether a bearer token is read when present, but not required. */
  public boolean optionalBearerToken() {
    return optionalBearer;
  }

  /** The roles required (any of them), empty for none. */
  public List<String> roles() {
    return roles;
  }

  /** The HTTP error statuses this extractor can answer with. */
  public Set<Integer> errors() {
    return errors;
  }
}
