package io.vivace.auth.module;

import io.vertx.core.Future;
import io.vivace.App;
import io.vivace.auth.Auth;
import io.vivace.auth.PasswordHasher;
import io.vivace.auth.module.impl.AuthModuleImpl;
import io.vivace.auth.throttle.ThrottleStore;
import io.vivace.db.Database;
import io.vivace.db.Sql;

/**
 * Accounts and sessions for any app, mounted under a prefix ({@code /auth} by default):
 * <ul>
 *   <li>{@code POST /auth/signup} {@code {email, password}} → 201 {@link Account}; 422 naming the
 *       field for a bad e-mail or a password outside the length policy; 409 for a taken e-mail;</li>
 *   <li>{@code POST /auth/login} → 200 {@link TokenPair}; 401 for a wrong e-mail or password (the
 *       same answer, and about the same time, whether or not the account exists); 429 with
 *       {@code Retry-After} when the client IP or the account is throttled;</li>
 *   <li>{@code POST /auth/refresh} {@code {refreshToken}} → 200 a new {@link TokenPair} (rotation:
 *       the old refresh token is used up; presenting it again revokes its whole family) or 401;</li>
 *   <li>{@code POST /auth/logout} {@code {refreshToken}} → 204, the family revoked;</li>
 *   <li>{@code GET /auth/me} with a bearer token → 200 {@link Account};</li>
 *   <li>{@code GET /auth/sessions} with a bearer token → 200 the account's active {@link Session}s;
 *       {@code DELETE /auth/sessions/{session}} → 204 (404 for a session that is not the account's);
 *       {@code DELETE /auth/sessions} → 204, every session revoked ("log out everywhere");</li>
 *   <li>{@code GET /.well-known/jwks.json} (at the app's root, RFC 8615) → the JWK Set (RFC 7517) of
 *       the keys that verify this server's tokens;</li>
 *   <li>with {@code AUTH_PERMISSION_ROUTES} on (else 404), for tokens whose roles grant
 *       {@link #ADMIN_PERMISSION} (the superuser role does): {@code GET /auth/roles} → 200 every
 *       {@link Role} with its permissions; {@code PUT /auth/roles/{role}/permissions/{permission}} →
 *       201 the {@link Role} (200 with it when the role held the permission already: a repeated PUT succeeds);
 *       {@code DELETE /auth/roles/{role}/permissions/{permission}} → 204 (404 when it does not hold
 *       it); 400 naming the parameter for a name outside 1–100 ASCII letters, digits, {@code _ - . :}.</li>
 * </ul>
 * Accounts and hashed refresh tokens live in PostgreSQL, schema {@code vivace_auth}, created by the
 * module's own Flyway migrations ({@code classpath:db/vivace-auth}, history table
 * {@code vivace_auth.flyway_schema_history}) at start, after the app's own. Throttling counters are
 * in Redis when {@code REDIS_URL} is set, else in this process. Password hashing runs off the event
 * loop.
 *
 * <p>Access tokens carry a {@code jti}; revoking a session (logout, refresh-token reuse, the
 * session routes) deny-lists the access tokens issued in it that have not expired, checked on every
 * request in memory ({@link io.vivace.auth.TokenDenyList}). Thread-safe.
 */
public interface AuthModule {
  /** Where the routes go unless told: {@value}. */
  String DEFAULT_PREFIX = "/auth";
  /** The Redis key prefix of the throttle counters, the deny-list and the module's pub/sub channels: {@value}. */
  String DEFAULT_REDIS_PREFIX = "vivace:auth:";
  /**
   * The permission the permission admin routes need: {@value}. Grant it to a role to make its
   * holders administrators of permissions; the superuser role ({@code AUTH_SUPERUSER_ROLE}) passes
   * without it.
   */
  String ADMIN_PERMISSION = "auth:admin";

  /** Called in the signup transaction with the new account; a failed future undoes the signup. */
  @FunctionalInterface
  interface SignupHook {
    Future<?> created(Sql tx, Account account);
  }

  /** Mounts the module under {@link #DEFAULT_PREFIX}; the throttle store is chosen at start. */
  static AuthModule mount(App app, Database db, Auth auth) {
    return new AuthModuleImpl(app, app, db, auth, DEFAULT_PREFIX, null);
  }

  /**
   * Mounts the module under {@code prefix} (e.g. {@code /auth}) with throttle counters in
   * {@code store} (null: Redis when {@code REDIS_URL} is set, else in process).
   */
  static AuthModule mount(App app, Database db, Auth auth, String prefix, ThrottleStore store) {
    return new AuthModuleImpl(app, app, db, auth, prefix, store);
  }

  /**
   * Mounts the module's routes on {@code routes} (the app, or a group: {@code app.group("/api",
   * api -> AuthModule.mount(app, api, db, auth, "/auth", null))} serves {@code /api/auth/login}
   * with the group's filters and guards) under {@code prefix}; its start and stop hooks go on
   * {@code app}. {@code store} as in {@link #mount(App, Database, Auth, String, ThrottleStore)}.
   */
  static AuthModule mount(App app, io.vivace.route.Routes routes, Database db, Auth auth, String prefix, ThrottleStore store) {
    return new AuthModuleImpl(app, routes, db, auth, prefix, store);
  }

  /** Runs {@code hook} in every signup's transaction (e.g. to create the app's own user row). */
  AuthModule onSignup(SignupHook hook);

  /**
   * Deletes refresh tokens that expired before now (the module's clock); runs every
   * {@link #PRUNE_INTERVAL_MS} ms while the app runs. Completes with how many went.
   */
  Future<Integer> pruneExpiredRefreshTokens();

  /** How often expired refresh tokens are deleted: {@value} ms (one hour). */
  long PRUNE_INTERVAL_MS = 3_600_000;

  /**
   * Deny-lists the access token {@code jti} until {@code expiresAt} (its {@code exp}, epoch
   * seconds): refused on every instance from the next request (in Redis and published to the
   * other instances when {@code REDIS_URL} is set, else in this process). Completes once stored.
   */
  Future<Void> revokeAccessToken(String jti, long expiresAt);

  /**
   * Revokes every session of the account ("log out everywhere"): its refresh tokens, and its
   * access tokens that have not expired. Completes with how many sessions were active.
   */
  Future<Integer> revokeAllSessions(long accountId);

  /**
   * Uses {@code options} instead of the environment's {@code AUTH_*} module settings. Call it before
   * the app starts.
   */
  AuthModule configure(AccountOptions options);

  /**
   * Sends the module's mail through {@code sender} instead of the one {@code AUTH_MAIL} names
   * (a given sender turns the password-reset and e-mail verification routes on whatever
   * {@code AUTH_MAIL} says). Call it before the app starts.
   */
  AuthModule mailSender(MailSender sender);

  /**
   * Lets {@code role} do {@code permission} (e.g. {@code posts:delete}); effective here at once, on
   * the other instances as soon as they hear of it through Redis (without Redis: within
   * {@code AUTH_PERMISSIONS_TTL}). Nothing changes when the role holds it already.
   */
  Future<Void> grantPermission(String role, String permission);

  /** Takes {@code permission} from {@code role}; effective as {@link #grantPermission}. */
  Future<Void> revokePermission(String role, String permission);

  /**
   * Deletes audit events older than {@code AUTH_AUDIT_RETENTION} days; runs every
   * {@link #PRUNE_INTERVAL_MS} ms while the app runs with {@code AUTH_AUDIT} on. Completes with how
   * many went.
   */
  Future<Integer> pruneAuditEvents();

  /** Adds {@code role} to an account (taking effect in its next access token). */
  Future<Void> grantRole(long accountId, String role);

  /** The password hasher (Argon2id with the options' cost); available once the app started. */
  PasswordHasher hasher();
}
