package io.vivace.auth.module.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import io.vivace.auth.Auth;
import io.vivace.auth.AuthUser;
import io.vivace.auth.module.EmailRequest;
import io.vivace.auth.module.PasswordReset;
import io.vivace.auth.module.TokenRequest;
import io.vivace.db.Database;
import io.vivace.extract.Body;
import io.vivace.extract.Validation;
import io.vivace.problem.ProblemException;
import io.vivace.response.Response;
import io.vivace.route.Routes;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password reset and e-mail verification by mailed single-use tokens ({@link AccountTokens}).
 * {@code forgot} answers 204 at once, the same whether or not the address has an account; the
 * lookup and the mail happen after the answer, so neither its content nor its timing tells. A
 * token never appears in an HTTP response. A reset revokes every session of the account (its
 * refresh tokens, and its access tokens through the deny-list). Off (404) with {@code AUTH_MAIL=none}.
 */
final class RecoveryRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(RecoveryRoutes.class);
  private static final ProblemException OFF = ProblemException.notFound("Password reset and e-mail verification are off on this server.");

  private final Database db;
  private final Auth auth;
  private final AccountTokens tokens;
  private final Sessions sessions;
  private final AuditLog audit;
  private final Supplier<Started> deps;

  RecoveryRoutes(Database db, Auth auth, AccountTokens tokens, Sessions sessions, AuditLog audit, Supplier<Started> deps) {
    this.db = db;
    this.auth = auth;
    this.tokens = tokens;
    this.sessions = sessions;
    this.audit = audit;
    this.deps = deps;
  }

  void mount(Routes routes, String prefix) {
    routes.post(prefix + "/password/forgot", ClientInfo.EXTRACTOR, Body.json(EmailRequest.class), this::forgot)
        .status(204).errors(404, 429).operationId("forgotPassword")
        .summary("Mail a password-reset token (the same 204 whether or not the address has an account)").tags("auth");
    routes.post(prefix + "/password/reset", ClientInfo.EXTRACTOR, Body.json(PasswordReset.class), this::reset)
        .status(204).errors(404).operationId("resetPassword")
        .summary("Set a new password with a mailed token; every session of the account is revoked").tags("auth");
    routes.post(prefix + "/email/verify/send", auth.user(), this::sendVerification)
        .status(204).errors(404).operationId("sendEmailVerification").summary("Mail an e-mail verification token").tags("auth");
    routes.post(prefix + "/email/verify", ClientInfo.EXTRACTOR, Body.json(TokenRequest.class), this::verify)
        .status(204).errors(404).operationId("verifyEmail").summary("Verify the account's e-mail address with a mailed token")
        .tags("auth");
  }

  private Started on() {
    Started d = deps.get();
    if (d == null || d.mail() == null) {
      throw OFF;
    }
    return d;
  }

  Future<Response> forgot(ClientInfo client, EmailRequest in) {
    Started d = on();
    String email = Emails.normalize(in.email());
    Validation v = new Validation().notBlank("email", email)
        .check(!Emails.tooLong(email), "email", "must be at most " + Emails.MAX_BYTES + " bytes long");
    if (!v.isValid()) {
      throw ProblemException.unprocessable(v.errors());
    }
    return d.throttle().attempt(client.ip(), email).map(ok -> {
      long[] who = {-1};
      db.optional("SELECT id FROM vivace_auth.accounts WHERE email = $1", Tuple.of(email), r -> r.getLong(0))
          .compose(found -> {
            if (found.isEmpty()) {
              return Future.succeededFuture();
            }
            who[0] = found.get();
            return tokens.issue(found.get(), AccountTokens.RESET, d.options().resetTtl()).compose(token -> d.mail().send(d.vertx(), email,
                "Reset your password", Mails.reset(d.options(), token)));
          })
          .onFailure(e -> LOG.warn("Mailing a password reset failed: {}", e.getMessage()))
          .andThen(r -> {
            if (who[0] >= 0) {
              audit.outcome(who[0], "password_reset_requested", client, r);
            }
          });
      return Response.noContent();
    });
  }

  Future<Response> reset(ClientInfo client, PasswordReset in) {
    Started d = on();
    Validation v = new Validation().notBlank("token", in.token()).required("password", in.password())
        .length("password", in.password(), auth.options().passwordMin(), auth.options().passwordMax());
    if (!v.isValid()) {
      throw ProblemException.unprocessable(v.errors());
    }
    long[] who = {-1};
    return d.hasher().hash(d.vertx(), in.password())
        .compose(phc -> db.inTransaction(tx -> tokens.use(tx, in.token(), AccountTokens.RESET).compose(account -> {
          who[0] = account;
          // The mailbox answered: the address is verified too.
          return tx.execute("UPDATE vivace_auth.accounts SET password_hash = $2, email_verified_at = coalesce(email_verified_at, now())"
              + " WHERE id = $1", Tuple.of(account, phc)).map(account);
        })))
        .compose(account -> sessions.revokeAll(account))
        .andThen(r -> audit.outcome(who[0], "password_reset", client, r))
        .map(n -> Response.noContent());
  }

  Future<Response> sendVerification(AuthUser user) {
    Started d = on();
    long account = SessionRoutes.account(user);
    return db.one("SELECT email FROM vivace_auth.accounts WHERE id = $1", Tuple.of(account), r -> r.getString(0))
        .compose(email -> tokens.issue(account, AccountTokens.VERIFY, d.options().verifyTtl())
            .compose(token -> d.mail().send(d.vertx(), email, "Verify your e-mail address", Mails.verify(d.options(), token))))
        .map(x -> Response.noContent());
  }

  /** Mails a verification token to a new account (after signup); failures are logged. */
  void afterSignup(long account, String email) {
    Started d = deps.get();
    if (d == null || d.mail() == null) {
      return;
    }
    tokens.issue(account, AccountTokens.VERIFY, d.options().verifyTtl())
        .compose(token -> d.mail().send(d.vertx(), email, "Verify your e-mail address", Mails.verify(d.options(), token)))
        .onFailure(e -> LOG.warn("Mailing the verification of a new account failed: {}", e.getMessage()));
  }

  Future<Response> verify(ClientInfo client, TokenRequest in) {
    on();
    long[] who = {-1};
    return db.inTransaction(tx -> tokens.use(tx, in.token(), AccountTokens.VERIFY).compose(account -> {
      who[0] = account;
      return tx.execute("UPDATE vivace_auth.accounts SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = $1",
          Tuple.of(account));
    })).andThen(r -> audit.outcome(who[0], "email_verified", client, r)).map(n -> Response.noContent());
  }
}
