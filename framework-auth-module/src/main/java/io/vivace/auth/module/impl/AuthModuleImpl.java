package io.vivace.auth.module.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vivace.App;
import io.vivace.auth.Auth;
import io.vivace.auth.AuthOptions;
import io.vivace.auth.AuthUser;
import io.vivace.auth.PasswordHasher;
import io.vivace.auth.module.Account;
import io.vivace.auth.module.AuthModule;
import io.vivace.auth.module.Credentials;
import io.vivace.auth.module.RefreshRequest;
import io.vivace.auth.module.TokenPair;
import io.vivace.auth.throttle.LoginThrottle;
import io.vivace.auth.throttle.ThrottleStore;
import io.vivace.db.Database;
import io.vivace.db.Sql;
import io.vivace.extract.Body;
import io.vivace.extract.Extractor;
import io.vivace.extract.Validation;
import io.vivace.problem.Problem;
import io.vivace.problem.ProblemException;
import io.vivace.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link AuthModule}: its routes, its start hook (migrations, hasher, throttle store) and its stop hook. */
public final class AuthModuleImpl implements AuthModule {
  private static final Logger LOG = LoggerFactory.getLogger(AuthModuleImpl.class);
  static final String ACCOUNT = "id, email, roles";
  private static final ProblemException WRONG_CREDENTIALS = new ProblemException(
      Problem.of(401, "The e-mail address or the password is wrong."), Map.of("WWW-Authenticate", "Bearer"));
  /** The client's address behind trusted proxies (VIVACE_TRUSTED_PROXIES), else the peer's. */
  private static final Extractor<String> CLIENT_IP = io.vivace.observe.ClientAddress.extractor();

  private final App app;
  private final Database db;
  private final Auth auth;
  private final String prefix;
  private final RefreshTokens refreshTokens;
  private final RevokedTokens revokedTokens;
  private final Sessions sessions;
  private final Permissions permissions;
  private final TotpService totp;
  private final AuditLog audit;
  private final TokenPairs pairs;
  private final AccountTokens accountTokens;
  private final RecoveryRoutes recovery;
  private volatile RecoveryRoutes.Deps recoveryDeps;
  private volatile io.vivace.auth.module.MailSender givenMail;
  /** Given by configure(), else read from the environment when the app validates. */
  private volatile io.vivace.auth.module.AccountOptions accountOptions;
  private final List<SignupHook> hooks = new CopyOnWriteArrayList<>();
  private final ThrottleStore givenStore;
  private final io.vivace.cache.Redis redis;
  /** Made by the start hook (its bound is a setting), before any request. */
  private volatile ThrottleStore store;
  private final String storeName;
  private volatile LoginThrottle throttle;
  private volatile PasswordHasher hasher;
  private volatile String dummyHash;
  private volatile long pruneTimer = -1;
  private volatile long purgeTimer = -1;
  private volatile long permissionsTimer = -1;
  private volatile long auditTimer = -1;
  /** The meters, or null when the app's metrics are off. */
  private volatile AuthMeters meters;

  public AuthModuleImpl(App app, io.vivace.route.Routes routes, Database db, Auth auth, String prefix, ThrottleStore givenStore) {
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
    this.redis = givenStore == null ? io.vivace.cache.Redis.shared(app) : null;
    this.revokedTokens = new RevokedTokens(redis, DEFAULT_REDIS_PREFIX, auth.clock());
    auth.denyList(revokedTokens); // every request's jti checked in memory
    this.sessions = new Sessions(db, auth.clock(), revokedTokens);
    this.refreshTokens = new RefreshTokens(db, auth.clock(), sessions::familyRevoked);
    this.permissions = new Permissions(db);
    this.totp = new TotpService(db, auth.clock());
    this.audit = new AuditLog(db, auth.clock());
    this.accountTokens = new AccountTokens(db, auth.clock());
    this.pairs = new TokenPairs(db, auth, refreshTokens, sessions, audit);
    this.recovery = new RecoveryRoutes(db, auth, accountTokens, sessions, audit, () -> recoveryDeps);
    auth.permissions(permissions);
    app.onValidate(config -> {
      if (accountOptions == null) {
        accountOptions = io.vivace.auth.module.AccountOptions.fromEnvironment(config);
      }
    });
    this.storeName = givenStore != null ? "in the given store"
        : redis != null ? "in Redis (in process while Redis is unreachable)" : "in process";
    app.onStart(this::start);
    app.onStop(vertx -> {
      vertx.cancelTimer(pruneTimer);
      vertx.cancelTimer(purgeTimer);
      vertx.cancelTimer(permissionsTimer);
      vertx.cancelTimer(auditTimer);
      ThrottleStore made = store;
      return givenStore == null && made != null ? made.close() : Future.succeededFuture();
    });
    routes.post(prefix + "/signup", CLIENT_IP, Body.json(Credentials.class), this::signup)
        .produces(Account.class).status(201).errors(409, 429).operationId("signup").summary("Create an account").tags("auth");
    routes.post(prefix + "/login", ClientInfo.EXTRACTOR, Body.json(io.vivace.auth.module.Login.class), this::login)
        .produces(TokenPair.class).errors(401, 429).operationId("login").summary("Log in: an access and a refresh token").tags("auth");
    routes.post(prefix + "/refresh", ClientInfo.EXTRACTOR, Body.json(RefreshRequest.class), pairs::refresh)
        .produces(TokenPair.class).errors(401).operationId("refreshTokens").summary("Trade a refresh token for a new pair").tags("auth");
    routes.post(prefix + "/logout", ClientInfo.EXTRACTOR, Body.json(RefreshRequest.class), pairs::logout)
        .status(204).operationId("logout").summary("Revoke a refresh token and its family").tags("auth");
    routes.get(prefix + "/me", auth.user(), this::me)
        .produces(Account.class).errors(404).operationId("me").summary("The account of the token").tags("auth");
    new SessionRoutes(sessions, auth, audit).mount(routes, prefix);
    recovery.mount(routes, prefix);
    new TotpRoutes(totp, auth, () -> throttle, () -> accountOptions.totpIssuer(), audit::totpChanged).mount(routes, prefix);
    // RFC 8615 well-known URI at the root of the app, whatever the prefix: RFC 7517 JWK Set.
    app.get("/.well-known/jwks.json", () -> Response.bytes(io.vertx.core.buffer.Buffer.buffer(auth.jwt().jwks()),
            "application/jwk-set+json").header("Cache-Control", "public, max-age=300"))
        .produces(Map.class).mediaType("application/jwk-set+json").operationId("jwks").summary("The JWK Set of the keys that verify this server's access tokens (RFC 7517)").tags("auth");
  }

  private Future<?> start(Vertx vertx) {
    io.micrometer.core.instrument.MeterRegistry registry = io.vivace.metrics.Metrics.registry(app);
    meters = registry == null ? null : new AuthMeters(registry);
    AuthOptions options = auth.options();
    PasswordHasher h = PasswordHasher.argon2id(options);
    store = givenStore != null ? givenStore
        : redis != null ? ThrottleStore.redis(redis, DEFAULT_REDIS_PREFIX, auth.clock(), options.throttleEntries())
        : ThrottleStore.inProcess(auth.clock(), options.throttleEntries());
    return vertx.executeBlocking(() -> {
      int n = ModuleMigrations.migrate(db.url());
      String dummy = h.hashBlocking(UUID.randomUUID().toString());
      LOG.info("Auth module on {}: {} migration(s) applied, login throttling {}", prefix, n, storeName);
      return dummy;
    }, false).map(dummy -> {
      this.dummyHash = dummy;
      this.hasher = h;
      this.throttle = new LoginThrottle(options, store);
      this.pruneTimer = vertx.setPeriodic(PRUNE_INTERVAL_MS, id -> pruneExpiredRefreshTokens()
          .onFailure(e -> LOG.warn("Deleting expired refresh tokens failed", e)));
      this.purgeTimer = vertx.setPeriodic(PURGE_REVOKED_MS, id -> revokedTokens.purge());
      io.vivace.auth.module.AccountOptions ao = accountOptions;
      permissions.superuser(ao.superuserRole());
      io.vivace.auth.module.MailSender mail = givenMail != null ? givenMail
          : "smtp".equals(ao.mail()) ? io.vivace.auth.module.MailSender.smtp(ao)
          : "log".equals(ao.mail()) ? io.vivace.auth.module.MailSender.log(ao.mailFrom()) : null;
      this.recoveryDeps = new RecoveryRoutes.Deps(vertx, mail, ao, throttle, hasher);
      audit.on(ao.audit());
      if (ao.audit()) {
        this.auditTimer = vertx.setPeriodic(PRUNE_INTERVAL_MS, id -> audit.prune(ao.auditRetention())
            .onFailure(e -> LOG.warn("Deleting old audit events failed", e)));
      }
      this.permissionsTimer = vertx.setPeriodic(ao.permissionsTtl() * 1000, id -> permissions.reload()
          .onFailure(e -> LOG.warn("Reading the role permissions failed; the last ones stay", e)));
      return dummy;
    }).compose(dummy -> revokedTokens.start()).compose(x -> permissions.reload());
  }

  @Override
  public AuthModule onSignup(SignupHook hook) {
    hooks.add(java.util.Objects.requireNonNull(hook, "hook"));
    return this;
  }

  @Override
  public Future<Integer> pruneExpiredRefreshTokens() {
    return refreshTokens.pruneExpired().compose(n -> sessions.pruneOrphans().compose(x -> accountTokens.pruneExpired()).map(n));
  }

  @Override
  public AuthModule mailSender(io.vivace.auth.module.MailSender sender) {
    this.givenMail = java.util.Objects.requireNonNull(sender, "sender");
    return this;
  }

  /** How often expired jtis leave the in-process deny-list: every minute. */
  private static final long PURGE_REVOKED_MS = 60_000;

  @Override
  public Future<Void> revokeAccessToken(String jti, long expiresAt) {
    return revokedTokens.revoke(java.util.Objects.requireNonNull(jti, "jti"), expiresAt);
  }

  @Override
  public AuthModule configure(io.vivace.auth.module.AccountOptions options) {
    this.accountOptions = java.util.Objects.requireNonNull(options, "options");
    return this;
  }

  @Override
  public Future<Integer> pruneAuditEvents() {
    return audit.prune(accountOptions.auditRetention());
  }

  @Override
  public Future<Void> grantPermission(String role, String permission) {
    return permissions.grant(role, permission);
  }

  @Override
  public Future<Void> revokePermission(String role, String permission) {
    return permissions.revoke(role, permission);
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
    PasswordHasher h = hasher;
    if (h == null) {
      throw new IllegalStateException("the auth module starts with the app; it has not started yet");
    }
    return h;
  }

  static Account account(Row r) {
    return new Account(r.getLong(0), r.getString(1), List.of(r.getArrayOfStrings(2)));
  }

  /** {@code POST /signup}. */
  Future<Response> signup(String ip, Credentials in) {
    AuthOptions o = auth.options();
    String email = Emails.normalize(in.email());
    Validation v = new Validation().notBlank("email", in.email());
    if (Emails.tooLong(email)) {
      v.check(false, "email", "must be at most " + Emails.MAX_BYTES + " bytes long");
    } else if (email != null && !email.isEmpty()) {
      v.check(Emails.plausible(email), "email", "must be an e-mail address like name@example.com");
    }
    v.required("password", in.password()).length("password", in.password(), o.passwordMin(), o.passwordMax());
    if (!v.isValid()) {
      throw ProblemException.unprocessable(v.errors());
    }
    Future<Response> signedUp = throttle.signup(ip).compose(ok -> hasher.hash(app.vertx(), in.password())).compose(phc -> db.inTransaction(tx ->
        tx.optional("INSERT INTO vivace_auth.accounts (email, password_hash) VALUES ($1, $2)"
            + " ON CONFLICT (email) DO NOTHING RETURNING " + ACCOUNT, Tuple.of(email, phc), AuthModuleImpl::account)
            .compose(created -> {
              if (created.isEmpty()) {
                return Future.failedFuture(ProblemException.conflict("An account with this e-mail address already exists."));
              }
              return runHooks(tx, created.get(), 0).map(created.get());
            })))
        .andThen(r -> {
          if (r.succeeded()) {
            recovery.afterSignup(r.result().id(), r.result().email()); // committed: mail the verification token
          }
        })
        .map(a -> Response.created(prefix + "/me", a));
    AuthMeters m = meters;
    return m == null ? signedUp : signedUp.andThen(m::signup);
  }

  private Future<Void> runHooks(Sql tx, Account a, int i) {
    return i == hooks.size() ? Future.succeededFuture() : hooks.get(i).created(tx, a).compose(x -> runHooks(tx, a, i + 1));
  }

  /** {@code POST /login}: the same 401 for an unknown e-mail and a wrong password; a dummy hash keeps the timing alike. */
  Future<Response> login(ClientInfo client, io.vivace.auth.module.Login in) {
    String ip = client.ip();
    String email = Emails.normalize(in.email());
    String password = in.password();
    Validation v = new Validation().notBlank("email", email)
        .check(!Emails.tooLong(email), "email", "must be at most " + Emails.MAX_BYTES + " bytes long")
        .notBlank("password", password).length("password", password, 1, auth.options().passwordMax());
    if (!v.isValid()) {
      throw ProblemException.unprocessable(v.errors());
    }
    long[] who = {-1}; // the account, once the password matched (for the audit trail)
    boolean[] verified = {false};
    Future<Response> result = throttle.attempt(ip, email)
        .compose(ok -> db.optional("SELECT " + ACCOUNT + ", password_hash, email_verified_at IS NOT NULL"
            + " FROM vivace_auth.accounts WHERE email = $1",
            Tuple.of(email), r -> {
              verified[0] = r.getBoolean(4);
              return Map.entry(account(r), r.getString(3));
            }))
        .compose(found -> hasher.verify(app.vertx(), password, found.map(Map.Entry::getValue).orElse(dummyHash))
            .map(match -> match && found.isPresent() ? found.get() : null))
        .compose(found -> {
          if (found == null) {
            return throttle.failed(email).compose(x -> Future.<Response>failedFuture(WRONG_CREDENTIALS));
          }
          who[0] = found.getKey().id();
          rehashIfOld(found.getKey().id(), password, found.getValue());
          // Second factor: a wrong or replayed code counts as a failed login (throttle and lockout).
          return totp.checkLogin(found.getKey().id(), in.code(), in.recoveryCode())
              .recover(e -> e == TotpService.WRONG_LOGIN_CODE ? throttle.failed(email).compose(x -> Future.failedFuture(e))
                  : Future.failedFuture(e))
              .compose(ok -> verified[0] || !accountOptions.requireVerified() ? Future.succeededFuture()
                  : unverified(found.getKey()))
              .compose(ok -> throttle.succeeded(email).compose(x -> pairs.issue(db, found.getKey(), null, client)))
              .map(TokenPairs::noStore);
        });
    result = result.andThen(outcome -> audit.outcome(who[0], "login", client, outcome));
    AuthMeters m = meters;
    return m == null ? result : result.andThen(outcome -> m.login(outcome, WRONG_CREDENTIALS));
  }

  /** 403 for a login before the address is verified (AUTH_REQUIRE_VERIFIED); a fresh verification mail goes out. */
  private Future<Void> unverified(Account a) {
    recovery.afterSignup(a.id(), a.email());
    return Future.failedFuture(ProblemException.of(403,
        "Verify your e-mail address first: a new verification mail is on its way."));
  }

  private void rehashIfOld(long id, String password, String phc) {
    if (hasher.needsRehash(phc)) {
      hasher.hash(app.vertx(), password).compose(fresh -> db.execute(
          "UPDATE vivace_auth.accounts SET password_hash = $2 WHERE id = $1", Tuple.of(id, fresh)))
          .onFailure(e -> LOG.warn("Rehashing the password of account {} failed", id, e));
    }
  }

  /** {@code GET /me}. */
  Future<Account> me(AuthUser user) {
    long id;
    try {
      id = Long.parseLong(user.id());
    } catch (NumberFormatException e) {
      throw ProblemException.notFound("The token's subject is not an account of this server.");
    }
    return db.optional("SELECT " + ACCOUNT + " FROM vivace_auth.accounts WHERE id = $1", Tuple.of(id), AuthModuleImpl::account)
        .map(a -> a.orElseThrow(() -> ProblemException.notFound("The token's account no longer exists.")));
  }

}
