package io.vivace.auth.module.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import io.vivace.auth.Auth;
import io.vivace.auth.AuthOptions;
import io.vivace.auth.module.Account;
import io.vivace.auth.module.RefreshRequest;
import io.vivace.auth.module.TokenPair;
import io.vivace.db.Database;
import io.vivace.db.Sql;
import io.vivace.response.Response;
import java.util.Map;
import java.util.UUID;

/**
 * Token pairs: issued at login (a new session) and refresh (rotation in the same session), each
 * access token with its own {@code jti} remembered on its refresh token; logout. Thread-safe.
 */
final class TokenPairs {
  private final Database db;
  private final Auth auth;
  private final RefreshTokens refreshTokens;
  private final Sessions sessions;
  private final AuditLog audit;
  private final java.security.SecureRandom random = new java.security.SecureRandom();

  TokenPairs(Database db, Auth auth, RefreshTokens refreshTokens, Sessions sessions, AuditLog audit) {
    this.db = db;
    this.auth = auth;
    this.refreshTokens = refreshTokens;
    this.sessions = sessions;
    this.audit = audit;
  }

  static Response noStore(TokenPair pair) {
    return Response.ok(pair).header("Cache-Control", "no-store"); // RFC 6749 section 5.1
  }

  /** A new pair: in a new family and session when {@code family} is null (login), else in it (refresh). */
  Future<TokenPair> issue(Sql sql, Account a, UUID family, ClientInfo client) {
    AuthOptions o = auth.options();
    UUID fam = family == null ? UUID.randomUUID() : family;
    byte[] id = new byte[16];
    random.nextBytes(id);
    String jti = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    long exp = auth.clock().instant().getEpochSecond() + o.accessTtl() + 1; // at or after the token's exp
    String access = auth.jwt().issue(Long.toString(a.id()), a.roles(), Map.of("email", a.email(), "jti", jti));
    Future<Void> session = family == null ? sessions.started(sql, fam, a.id(), client) : sessions.used(sql, fam, client);
    return session.compose(x -> refreshTokens.issue(sql, a.id(), fam, o.refreshTtl(), jti, exp))
        .map(refresh -> new TokenPair(access, "Bearer", o.accessTtl(), refresh));
  }

  /** {@code POST /refresh}: rotation; a reused token revokes its family. */
  Future<Response> refresh(ClientInfo client, RefreshRequest in) {
    String token = in.refreshToken();
    long[] who = {-1};
    return db.inTransaction(tx -> refreshTokens.use(tx, token).compose(used ->
            tx.one("SELECT " + AccountRoutes.ACCOUNT + " FROM vivace_auth.accounts WHERE id = $1", Tuple.of(used.accountId()),
                AccountRoutes::account).compose(a -> {
                  who[0] = a.id();
                  return issue(tx, a, used.family(), client);
                })))
        .recover(e -> e == RefreshTokens.INVALID
            ? refreshTokens.detectReuse(token).compose(x -> Future.failedFuture(e)) : Future.failedFuture(e))
        .andThen(r -> audit.outcome(who[0], "refresh", client, r))
        .map(TokenPairs::noStore);
  }

  /** {@code POST /logout}: 204 whether or not the token was known (nothing to learn from it). */
  Future<Response> logout(ClientInfo client, RefreshRequest in) {
    return refreshTokens.revokeFamily(in.refreshToken())
        .andThen(r -> audit.outcome(r.succeeded() && r.result() != null ? r.result() : -1, "logout", client, r))
        .map(x -> Response.noContent());
  }

}
