package io.vivace.auth.module.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import io.vivace.db.Database;
import io.vivace.db.Sql;
import io.vivace.problem.FieldError;
import io.vivace.problem.Problem;
import io.vivace.problem.ProblemException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

/**
 * Single-use mailed tokens ({@code vivace_auth.account_tokens}) for password reset and e-mail
 * verification: 256 random bits, base64url, stored as SHA-256, good for a TTL, used up atomically.
 * Thread-safe.
 */
final class AccountTokens {
  static final String RESET = "reset";
  static final String VERIFY = "verify";
  /** The one answer for a token that is unknown, expired or used. */
  static final ProblemException INVALID = new ProblemException(Problem.of(422, "The token is unknown, expired or already used.",
      List.of(FieldError.body("/token", "is unknown, expired or already used"))));

  private final Database db;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  AccountTokens(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  /** A new token of {@code purpose} for the account, good {@code ttlSeconds}; earlier unused ones of that purpose are dropped. */
  Future<String> issue(long account, String purpose, long ttlSeconds) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    OffsetDateTime now = now();
    return db.inTransaction(tx -> tx.execute("DELETE FROM vivace_auth.account_tokens WHERE account_id = $1 AND purpose = $2"
            + " AND used_at IS NULL", Tuple.of(account, purpose))
        .compose(n -> tx.execute("INSERT INTO vivace_auth.account_tokens (token_hash, account_id, purpose, created_at, expires_at)"
            + " VALUES ($1, $2, $3, $4, $5)", Tuple.of(RefreshTokens.hash(token), account, purpose, now, now.plusSeconds(ttlSeconds)))))
        .map(n -> token);
  }

  /** Uses up {@code token} of {@code purpose} in {@code tx}: its account, or {@link #INVALID}. */
  Future<Long> use(Sql tx, String token, String purpose) {
    if (token == null || token.isEmpty() || token.length() > 100) {
      return Future.failedFuture(INVALID);
    }
    return tx.optional("UPDATE vivace_auth.account_tokens SET used_at = $3 WHERE token_hash = $1 AND purpose = $2"
            + " AND used_at IS NULL AND expires_at > $3 RETURNING account_id", Tuple.of(RefreshTokens.hash(token), purpose, now()),
            r -> r.getLong(0))
        .map(a -> a.orElseThrow(() -> INVALID));
  }

  /** Deletes tokens that expired. */
  Future<Integer> pruneExpired() {
    return db.execute("DELETE FROM vivace_auth.account_tokens WHERE expires_at < $1", Tuple.of(now()));
  }
}
