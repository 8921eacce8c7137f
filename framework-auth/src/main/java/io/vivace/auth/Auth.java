package io.vivace.auth;

import io.vivace.App;
import io.vivace.auth.impl.AuthImpl;
import io.vivace.extract.RequestExtractor;
import java.time.Clock;
import java.util.Optional;

/**
 * Bearer-token authentication of an app's routes (RFC 6750) with JWT access tokens
 * ({@link Jwt}, RFC 7519). Its extractors go in a route like any other:
 *
 * <pre>{@code
 * Auth auth = Auth.attach(app);                       // JWT_SECRET etc., checked at start
 * app.get("/me", auth.user(), user -> user.id());
 * app.delete("/posts/:id", auth.role("admin"), Path.longValue("id"), (admin, id) -> ...);
 * }</pre>
 *
 * Answers: no {@code Authorization: Bearer} header → 401 with {@code WWW-Authenticate: Bearer};
 * a token {@link Jwt#verify} refuses → 401 with {@code Bearer error="invalid_token"}; a valid token
 * without a required role → 403 with {@code Bearer error="insufficient_scope"}; all as RFC 9457
 * problems. Extractors run on the event loop and do not block. Thread-safe.
 */
public interface Auth {

  /**
   * Authentication configured from the environment ({@link AuthOptions#fromEnvironment()}), read
   * when the app starts: a missing or too-short {@code JWT_SECRET} fails the start with a
   * {@link io.vivace.config.ConfigException} naming it (and {@link App#run()} exits 2).
   */
  static Auth attach(App app) {
    return new AuthImpl(app, null, Clock.systemUTC());
  }

  /**
   * Authentication with {@code options}, checked now.
   *
   * @throws io.vivace.config.ConfigException on missing or too-short key material
   */
  static Auth attach(App app, AuthOptions options) {
    return attach(app, options, Clock.systemUTC());
  }

  /** As {@link #attach(App, AuthOptions)} on {@code clock} (tests drive time with their own). */
  static Auth attach(App app, AuthOptions options, Clock clock) {
    return new AuthImpl(app, java.util.Objects.requireNonNull(options, "options").validate(), clock);
  }

  /** The token issuer/verifier. @throws IllegalStateException before the app started when configured from the environment */
  Jwt jwt();

  /** The options. @throws IllegalStateException before the app started when configured from the environment */
  AuthOptions options();

  /**
   * Refuses tokens whose {@code jti} is on {@code list} (null: no check), on every request. Call it
   * before the app starts (the accounts module does, when mounted).
   */
  Auth denyList(TokenDenyList list);

  /**
   * Takes the role → permission mapping {@link #permission} checks from {@code source} (the
   * accounts module sets its own when mounted). Call it before the app starts.
   */
  Auth permissions(RolePermissions source);

  /**
   * The authenticated user whose roles grant {@code permission} (e.g. {@code posts:delete}) by the
   * {@link #permissions source}; 401 without a valid token, 403 {@code insufficient_scope} (RFC 6750
   * section 3.1) naming the permission when they do not, or when no source is set.
   */
  RequestExtractor<AuthUser> permission(String permission);

  /** The clock tokens, refresh tokens and throttles use. */
  Clock clock();

  /**
   * The authenticated user; 401 without a valid bearer token. It reads only the
   * {@code Authorization} header, so an exact-path route with it is still served without the router.
   */
  RequestExtractor<AuthUser> user();

  /** The authenticated user when the request has a bearer token, else empty; 401 for an invalid one. */
  RequestExtractor<Optional<AuthUser>> optionalUser();

  /**
   * The authenticated user holding at least one of {@code anyOf}; 401 without a valid token, 403
   * naming the roles when the user has none of them.
   */
  RequestExtractor<AuthUser> role(String... anyOf);
}
