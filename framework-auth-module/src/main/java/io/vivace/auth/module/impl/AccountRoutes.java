package io.vivace.auth.module.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vivace.auth.Auth;
import io.vivace.auth.AuthOptions;
import io.vivace.auth.AuthUser;
import io.vivace.auth.module.Account;
import io.vivace.auth.module.AuthModule.SignupHook;
import io.vivace.auth.module.Credentials;
import io.vivace.auth.module.Login;
import io.vivace.auth.module.RefreshRequest;
import io.vivace.auth.module.TokenPair;
import io.vivace.db.Database;
import io.vivace.db.Sql;
import io.vivace.extract.Body;
import io.vivace.extract.Extractor;
import io.vivace.extract.Validation;
import io.vivace.problem.Problem;
import io.vivace.problem.ProblemException;
import io.vivace.response.Response;
import io.vivace.route.Routes;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account routes: signup (throttled per client IP, the signup hooks in its transaction, a
 * verification mail once committed), login (throttle and lockout, the second factor, a verified
 * address when required), refresh, logout, and the token's account. Thread-safe.
 */
final class AccountRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(AccountRoutes.class);
  static final String ACCOUNT = "id, email, roles";
  private static final ProblemException WRONG_CREDENTIALS = new ProblemException(
      Problem.of(401, "The e-mail address or the password is wrong."), Map.of("WWW-Authenticate", "Bearer"));
  /** The client's address behind trusted proxies (VIVACE_TRUSTED_PROXIES), else the peer's. */
  private static final Extractor<String> CLIENT_IP = io.vivace.observe.ClientAddress.extractor();

  private final Database db;
  private final Auth auth;
  private final String prefix;
  private final TotpService totp;
  private final TokenPairs pairs;
  private final RecoveryRoutes recovery;
  private final AuditLog audit;
  private final List<SignupHook> hooks;
  private final Supplier<Started> started;

  AccountRoutes(Database db, Auth auth, String prefix, TotpService totp, TokenPairs pairs, RecoveryRoutes recovery,
      AuditLog audit, List<SignupHook> hooks, Supplier<Started> started) {
    this.db = db;
    this.auth = auth;
    this.prefix = prefix;
    this.totp = totp;
    this.pairs = pairs;
    this.recovery = recovery;
    this.audit = audit;
    this.hooks = hooks;
    this.started = started;
  }

  void mount(Routes routes) {
    routes.post(prefix + "/signup", CLIENT_IP, Body.json(Credentials.class), this::signup)
        .produces(Account.class).status(201).errors(409, 429).operationId("signup").summary("Create an account").tags("auth");
    routes.post(prefix + "/login", ClientInfo.EXTRACTOR, Body.json(Login.class), this::login)
        .produces(TokenPair.class).errors(401, 429).operationId("login").summary("Log in: an access and a refresh token").tags("auth");
    routes.post(prefix + "/refresh", ClientInfo.EXTRACTOR, Body.json(RefreshRequest.class), pairs::refresh)
        .produces(TokenPair.class).errors(401).operationId("refreshTokens").summary("Trade a refresh token for a new pair").tags("auth");
    routes.post(prefix + "/logout", ClientInfo.EXTRACTOR, Body.json(RefreshRequest.class), pairs::logout)
        .status(204).operationId("logout").summary("Revoke a refresh token and its family").tags("auth");
    routes.get(prefix + "/me", auth.user(), this::me)
        .produces(Account.class).errors(404).operationId("me").summary("The account of the token").tags("auth");
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
    Started s = started.get();
    Future<Response> signedUp = s.throttle().signup(ip).compose(ok -> s.hasher().hash(s.vertx(), in.password()))
        .compose(phc -> db.inTransaction(tx ->
            tx.optional("INSERT INTO vivace_auth.accounts (email, password_hash) VALUES ($1, $2)"
                + " ON CONFLICT (email) DO NOTHING RETURNING " + ACCOUNT, Tuple.of(email, phc), AccountRoutes::account)
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
    AuthMeters m = s.meters();
    return m == null ? signedUp : signedUp.andThen(m::signup);
  }

  private Future<Void> runHooks(Sql tx, Account a, int i) {
    return i == hooks.size() ? Future.succeededFuture() : hooks.get(i).created(tx, a).compose(x -> runHooks(tx, a, i + 1));
  }

  /** {@code POST /login}: the same 401 for an unknown e-mail and a wrong password; a dummy hash keeps the timing alike. */
  Future<Response> login(ClientInfo client, Login in) {
    String ip = client.ip();
    String email = Emails.normalize(in.email());
    String password = in.password();
    Validation v = new Validation().notBlank("email", email)
        .check(!Emails.tooLong(email), "email", "must be at most " + Emails.MAX_BYTES + " bytes long")
        .notBlank("password", password).length("password", password, 1, auth.options().passwordMax());
    if (!v.isValid()) {
      throw ProblemException.unprocessable(v.errors());
    }
    Started s = started.get();
    long[] who = {-1}; // the account, once the password matched (for the audit trail)
    boolean[] verified = {false};
    Future<Response> result = s.throttle().attempt(ip, email)
        .compose(ok -> db.optional("SELECT " + ACCOUNT + ", password_hash, email_verified_at IS NOT NULL"
            + " FROM vivace_auth.accounts WHERE email = $1",
            Tuple.of(email), r -> {
              verified[0] = r.getBoolean(4);
              return Map.entry(account(r), r.getString(3));
            }))
        .compose(found -> s.hasher().verify(s.vertx(), password, found.map(Map.Entry::getValue).orElse(s.dummyHash()))
            .map(match -> match && found.isPresent() ? found.get() : null))
        .compose(found -> {
          if (found == null) {
            return s.throttle().failed(email).compose(x -> Future.<Response>failedFuture(WRONG_CREDENTIALS));
          }
          who[0] = found.getKey().id();
          rehashIfOld(s, found.getKey().id(), password, found.getValue());
          // Second factor: a wrong or replayed code counts as a failed login (throttle and lockout).
          return totp.checkLogin(found.getKey().id(), in.code(), in.recoveryCode())
              .recover(e -> e == TotpService.WRONG_LOGIN_CODE ? s.throttle().failed(email).compose(x -> Future.failedFuture(e))
                  : Future.failedFuture(e))
              .compose(ok -> verified[0] || !s.options().requireVerified() ? Future.succeededFuture()
                  : unverified(found.getKey()))
              .compose(ok -> s.throttle().succeeded(email).compose(x -> pairs.issue(db, found.getKey(), null, client)))
              .map(TokenPairs::noStore);
        });
    result = result.andThen(outcome -> audit.outcome(who[0], "login", client, outcome));
    AuthMeters m = s.meters();
    return m == null ? result : result.andThen(outcome -> m.login(outcome, WRONG_CREDENTIALS));
  }

  /** 403 for a login before the address is verified (AUTH_REQUIRE_VERIFIED); a fresh verification mail goes out. */
  private Future<Void> unverified(Account a) {
    recovery.afterSignup(a.id(), a.email());
    return Future.failedFuture(ProblemException.of(403,
        "Verify your e-mail address first: a new verification mail is on its way."));
  }

  private void rehashIfOld(Started s, long id, String password, String phc) {
    if (s.hasher().needsRehash(phc)) {
      s.hasher().hash(s.vertx(), password).compose(fresh -> db.execute(
          "UPDATE vivace_auth.accounts SET password_hash = $2 WHERE id = $1", Tuple.of(id, fresh)))
          .onFailure(e -> LOG.warn("Rehashing the password of account {} failed", id, e));
    }
  }

  /** {@code GET /me}. */
  Future<Account> me(AuthUser user) {
    return db.optional("SELECT " + ACCOUNT + " FROM vivace_auth.accounts WHERE id = $1", Tuple.of(SessionRoutes.account(user)),
            AccountRoutes::account)
        .map(a -> a.orElseThrow(() -> ProblemException.notFound("The token's account no longer exists.")));
  }
}
