package io.vivace.auth.module.impl;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Tuple;
import io.vivace.auth.impl.BearerProblems;
import io.vivace.db.Database;
import io.vivace.db.Sql;
import io.vivace.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * Refresh tokens: 256 random bits, base64url, stored as their SHA-256 (a token of that entropy
 * needs no slow hash). Rotation with reuse detection per family. Thread-safe.
 */
final class RefreshTokens {
  /** A consumed token: who it was for. */
  record Used(long accountId, UUID family) {
  }

  private static final String INSERT = "INSERT INTO vivace_auth.refresh_tokens"
      + " (token_hash, family_id, account_id, created_at, expires_at, access_jti, access_expires_at)"
      + " VALUES ($1, $2, $3, $4, $5, $6, $7)";
  private static final String USE = "UPDATE vivace_auth.refresh_tokens SET used_at = $2"
      + " WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2"
      + " RETURNING account_id, family_id";
  private static final String FIND = "SELECT family_id, used_at IS NOT NULL AS used FROM vivace_auth.refresh_tokens WHERE token_hash = $1";
  private static final String REVOKE_FAMILY = "UPDATE vivace_auth.refresh_tokens SET revoked_at = $2"
      + " WHERE family_id = $1 AND revoked_at IS NULL";
  private static final int MAX_LENGTH = 100;
  /** The one answer for a token that cannot be used (compared by identity to look for reuse). */
  static final ProblemException INVALID = BearerProblems.invalid("The refresh token is unknown, expired or revoked.");

  private static final UUID NOT_USED = new UUID(0, 0);

  private final Database db;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  /** Told of every family revoked here (its session, its outstanding access tokens). */
  private final java.util.function.Function<UUID, Future<Void>> onRevoked;

  RefreshTokens(Database db, Clock clock, java.util.function.Function<UUID, Future<Void>> onRevoked) {
    this.db = db;
    this.clock = clock;
    this.onRevoked = onRevoked;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  static Buffer hash(String token) {
    try {
      return Buffer.buffer(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /**
   * A new token in {@code family} for {@code accountId}, valid {@code ttlSeconds}, issued with the
   * access token {@code accessJti} that expires at {@code accessExp} (epoch seconds).
   */
  Future<String> issue(Sql sql, long accountId, UUID family, long ttlSeconds, String accessJti, long accessExp) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    OffsetDateTime now = now();
    return sql.execute(INSERT, Tuple.from(java.util.Arrays.asList(hash(token), family, accountId, now, now.plusSeconds(ttlSeconds), accessJti,
        OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(accessExp), ZoneOffset.UTC)))).map(n -> token);
  }

  /**
   * Uses up {@code token}: its account and family, or a 401 when it is unknown, expired or revoked.
   * A token that was already used is a reuse: its whole family is revoked (committed) before the 401.
   */
  Future<Used> use(Sql tx, String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
      return Future.failedFuture(invalid());
    }
    Buffer hash = hash(token);
    return tx.optional(USE, Tuple.of(hash, now()), r -> new Used(r.getLong(0), r.getUUID(1)))
        .map(used -> used.orElseThrow(RefreshTokens::invalid));
  }

  /** After a failed {@link #use}: revokes the family when the token had been used before. */
  Future<Void> detectReuse(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
      return Future.succeededFuture();
    }
    return db.optional(FIND, Tuple.of(hash(token)), r -> r.getBoolean(1) ? r.getUUID(0) : NOT_USED).compose(family ->
        family.isEmpty() || family.get() == NOT_USED ? Future.succeededFuture()
            : db.execute(REVOKE_FAMILY, Tuple.of(family.get(), now())).compose(v -> onRevoked.apply(family.get()))
                .compose(v -> Future.failedFuture(reused())));
  }

  /** Deletes the tokens that expired before now. */
  Future<Integer> pruneExpired() {
    return db.execute("DELETE FROM vivace_auth.refresh_tokens WHERE expires_at < $1", Tuple.of(now()));
  }

  /** Revokes the family of {@code token}, if it is one of ours: its account id, or null. */
  Future<Long> revokeFamily(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
      return Future.succeededFuture();
    }
    return db.optional("SELECT family_id, account_id FROM vivace_auth.refresh_tokens WHERE token_hash = $1", Tuple.of(hash(token)),
        r -> Map.entry(r.getUUID(0), r.getLong(1))).compose(found -> found.isEmpty() ? Future.<Long>succeededFuture()
            : onRevoked.apply(found.get().getKey()).map(found.get().getValue()));
  }

  static ProblemException invalid() {
    return INVALID;
  }

  static ProblemException reused() {
    return BearerProblems.invalid("The refresh token was already used; every token of its session is revoked. Log in again.");
  }
}
