package io.vivace.auth.module.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Tuple;
import io.vivace.App;
import io.vivace.auth.Auth;
import io.vivace.auth.AuthOptions;
import io.vivace.auth.PasswordHasher;
import io.vivace.auth.module.AccountOptions;
import io.vivace.auth.module.AuthModule;
import io.vivace.auth.module.MailSender;
import io.vivace.auth.throttle.LoginThrottle;
import io.vivace.auth.throttle.ThrottleStore;
import io.vivace.cache.Redis;
import io.vivace.db.Database;
import io.vivace.response.Response;
import io.vivace.route.Routes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AuthModule}: makes the module's parts, mounts their route groups ({@link AccountRoutes},
 * {@link SessionRoutes}, {@link RecoveryRoutes}, {@link TotpRoutes}, {@link PermissionRoutes}, the
 * JWKS route), and runs its start hook (migrations, hasher, throttle store, mail sender, timers:
 * what the routes need, as {@link Started}) and its stop hook.
 */
public final class AuthModuleImpl implements AuthModule {
  private static final Logger LOG = LoggerFactory.getLogger(AuthModuleImpl.class);
  /** How often expired jtis leave the in-process deny-list: every minute. */
  private static final long PURGE_REVOKED_MS = 60_000;

  private final App app;
  private final Database db;
  private final Auth auth;
  private final String prefix;
  private final RefreshTokens refreshTokens;
  private final RevokedTokens revokedTokens;
  private final Sessions sessions;
  private final Permissions permissions;
  private final AuditLog audit;
  private final AccountTokens accountTokens;
  private final List<SignupHook> hooks = new CopyOnWriteArrayList<>();
  private final ThrottleStore givenStore;
  private final Redis redis;
  private final String storeName;
  private volatile MailSender givenMail;
  /** Given by configure(), else read from the environment when the app validates. */
  private volatile AccountOptions accountOptions;
  /** Made by the start hook, before any request. */
  private volatile Started started;
  private volatile ThrottleStore store;
  /** The start hook's periodic timers, cancelled by the stop hook. */
  private final List<Long> timers = new CopyOnWriteArrayList<>();

  public AuthModuleImpl(App app, Routes routes, Database db, Auth auth, String prefix, ThrottleStore givenStore) {
    if (prefix == null || !prefix.startsWith("/") || prefix.endsWith("/")) {
      throw new IllegalArgumentException("prefix must start with / and not end with one, got '" + prefix + "'");
    }
    this.app = app;
    this.db = db;
    this.auth = auth;
    this.prefix = prefix;
    // The app's one Redis client (the caches' too), or null without REDIS_URL; read and checked
    // with the app's other settings before any start hook.
    this.givenStore = givenStore;
    this.redis = givenStore == null ? Redis.shared(app) : null;
    this.storeName = givenStore != null ? "in the given store"
        : redis != null ? "in Redis (in process while Redis is unreachable)" : "in process";
    this.revokedTokens = new RevokedTokens(redis, DEFAULT_REDIS_PREFIX, auth.clock());
    auth.denyList(revokedTokens); // every request's jti checked in memory
    this.sessions = new Sessions(db, auth.clock(), revokedTokens);
    this.refreshTokens = new RefreshTokens(db, auth.clock(), sessions::familyRevoked);
    this.permissions = new Permissions(db, redis, DEFAULT_REDIS_PREFIX);
    auth.permissions(permissions);
    TotpService totp = new TotpService(db, auth.clock());
    this.audit = new AuditLog(db, auth.clock());
    this.accountTokens = new AccountTokens(db, auth.clock());
    TokenPairs pairs = new TokenPairs(db, auth, refreshTokens, sessions, audit);
    RecoveryRoutes recovery = new RecoveryRoutes(db, auth, accountTokens, sessions, audit, () -> started);
    app.onValidate(config -> {
      if (accountOptions == null) {
        accountOptions = AccountOptions.fromEnvironment(config);
      }
    });
    app.onStart(this::start);
    app.onStop(this::stop);
    new AccountRoutes(db, auth, prefix, totp, pairs, recovery, audit, hooks, () -> started).mount(routes);
    new SessionRoutes(sessions, auth, audit).mount(routes, prefix);
    recovery.mount(routes, prefix);
    new TotpRoutes(totp, auth, () -> started.throttle(), () -> started.options().totpIssuer(), audit::totpChanged)
        .mount(routes, prefix);
    new PermissionRoutes(permissions, auth, audit, () -> started).mount(routes, prefix);
    // RFC 8615 well-known URI at the root of the app, whatever the prefix: RFC 7517 JWK Set.
    app.get("/.well-known/jwks.json", () -> Response.bytes(Buffer.buffer(auth.jwt().jwks()), "application/jwk-set+json")
            .header("Cache-Control", "public, max-age=300"))
        .produces(Map.class).mediaType("application/jwk-set+json").operationId("jwks")
        .summary("The JWK Set of the keys that verify this server's access tokens (RFC 7517)").tags("auth");
  }

  private Future<?> start(Vertx vertx) {
    io.micrometer.core.instrument.MeterRegistry registry = io.vivace.metrics.Metrics.registry(app);
    AuthMeters meters = registry == null ? null : new AuthMeters(registry);
    AuthOptions options = auth.options();
    PasswordHasher hasher = PasswordHasher.argon2id(options);
    store = givenStore != null ? givenStore
        : redis != null ? ThrottleStore.redis(redis, DEFAULT_REDIS_PREFIX, auth.clock(), options.throttleEntries())
        : ThrottleStore.inProcess(auth.clock(), options.throttleEntries());
    return vertx.executeBlocking(() -> {
      int n = ModuleMigrations.migrate(db.url());
      String dummy = hasher.hashBlocking(UUID.randomUUID().toString());
      LOG.info("Auth module on {}: {} migration(s) applied, login throttling {}", prefix, n, storeName);
      return dummy;
    }, false).map(dummy -> {
      AccountOptions ao = accountOptions;
      permissions.superuser(ao.superuserRole());
      MailSender mail = givenMail != null ? givenMail
          : "smtp".equals(ao.mail()) ? MailSender.smtp(ao)
          : "log".equals(ao.mail()) ? MailSender.log(ao.mailFrom()) : null;
      this.started = new Started(vertx, ao, new LoginThrottle(options, store), hasher, dummy, mail, meters);
      audit.on(ao.audit());
      timers.add(vertx.setPeriodic(PRUNE_INTERVAL_MS, id -> pruneExpiredRefreshTokens()
          .onFailure(e -> LOG.warn("Deleting expired refresh tokens failed", e))));
      timers.add(vertx.setPeriodic(PURGE_REVOKED_MS, id -> revokedTokens.purge()));
      if (ao.audit()) {
        timers.add(vertx.setPeriodic(PRUNE_INTERVAL_MS, id -> audit.prune(ao.auditRetention())
            .onFailure(e -> LOG.warn("Deleting old audit events failed", e))));
      }
      timers.add(vertx.setPeriodic(ao.permissionsTtl() * 1000, id -> permissions.reload()
          .onFailure(e -> LOG.warn("Reading the role permissions failed; the last ones stay", e))));
      return dummy;
    }).compose(dummy -> revokedTokens.start()).compose(x -> permissions.start(vertx));
  }

  private Future<?> stop(Vertx vertx) {
    for (long timer : timers) {
      vertx.cancelTimer(timer);
    }
    ThrottleStore made = store;
    return givenStore == null && made != null ? made.close() : Future.succeededFuture();
  }

  @Override
  public AuthModule onSignup(SignupHook hook) {
    hooks.add(Objects.requireNonNull(hook, "hook"));
    return this;
  }

  @Override
  public Future<Integer> pruneExpiredRefreshTokens() {
    return refreshTokens.pruneExpired().compose(n -> sessions.pruneOrphans().compose(x -> accountTokens.pruneExpired()).map(n));
  }

  @Override
  public AuthModule mailSender(MailSender sender) {
    this.givenMail = Objects.requireNonNull(sender, "sender");
    return this;
  }

  @Override
  public Future<Void> revokeAccessToken(String jti, long expiresAt) {
    return revokedTokens.revoke(Objects.requireNonNull(jti, "jti"), expiresAt);
  }

  @Override
  public AuthModule configure(AccountOptions options) {
    this.accountOptions = Objects.requireNonNull(options, "options");
    return this;
  }

  @Override
  public Future<Integer> pruneAuditEvents() {
    return audit.prune(accountOptions.auditRetention());
  }

  @Override
  public Future<Void> grantPermission(String role, String permission) {
    return permissions.grant(role, permission).mapEmpty();
  }

  @Override
  public Future<Void> revokePermission(String role, String permission) {
    return permissions.revoke(role, permission).mapEmpty();
  }

  @Override
  public Future<Integer> revokeAllSessions(long accountId) {
    return sessions.revokeAll(accountId);
  }

  @Override
  public Future<Void> grantRole(long accountId, String role) {
    return db.execute("UPDATE vivace_auth.accounts SET roles = array_append(roles, $2) WHERE id = $1 AND NOT ($2 = ANY(roles))",
        Tuple.of(accountId, role)).mapEmpty();
  }

  @Override
  public PasswordHasher hasher() {
    Started s = started;
    if (s == null) {
      throw new IllegalStateException("the auth module starts with the app; it has not started yet");
    }
    return s.hasher();
  }
}
