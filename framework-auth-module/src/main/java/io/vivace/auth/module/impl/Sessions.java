package io.vivace.auth.module.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import io.vivace.auth.module.Session;
import io.vivace.db.Database;
import io.vivace.db.Sql;
import io.vivace.problem.ProblemException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Sessions (refresh-token families, table {@code vivace_auth.sessions}): made at login, touched at
 * each refresh, listed, revoked one by one or all at once. Revoking a family revokes its refresh
 * tokens and deny-lists the access tokens issued with them that have not expired
 * ({@link RevokedTokens}). Thread-safe.
 */
final class Sessions {
  private static final String LIST = "SELECT s.family_id, s.created_at, s.last_used_at, s.ip, s.user_agent,"
      + " coalesce((SELECT bool_or(t.access_jti = $3) FROM vivace_auth.refresh_tokens t WHERE t.family_id = s.family_id), false)"
      + " FROM vivace_auth.sessions s WHERE s.account_id = $1 AND s.revoked_at IS NULL AND EXISTS (SELECT 1 FROM"
      + " vivace_auth.refresh_tokens t WHERE t.family_id = s.family_id AND t.used_at IS NULL AND t.revoked_at IS NULL"
      + " AND t.expires_at > $2) ORDER BY s.last_used_at DESC, s.family_id LIMIT 1000";
  private static final String OUTSTANDING = "SELECT access_jti, access_expires_at FROM vivace_auth.refresh_tokens"
      + " WHERE family_id = $1 AND access_jti IS NOT NULL AND access_expires_at > $2";

  private final Database db;
  private final Clock clock;
  private final RevokedTokens revoked;

  Sessions(Database db, Clock clock, RevokedTokens revoked) {
    this.db = db;
    this.clock = clock;
    this.revoked = revoked;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  /** A new session for {@code family} at login. */
  Future<Void> started(Sql sql, UUID family, long accountId, ClientInfo client) {
    OffsetDateTime now = now();
    return sql.execute("INSERT INTO vivace_auth.sessions (family_id, account_id, created_at, last_used_at, ip, user_agent)"
        + " VALUES ($1, $2, $3, $3, $4, $5) ON CONFLICT (family_id) DO NOTHING",
        Tuple.of(family, accountId, now, client.ip(), client.userAgent())).mapEmpty();
  }

  /** The session of {@code family} was used by a refresh from {@code client}. */
  Future<Void> used(Sql sql, UUID family, ClientInfo client) {
    return sql.execute("UPDATE vivace_auth.sessions SET last_used_at = $2, ip = coalesce($3, ip), user_agent = coalesce($4, user_agent)"
        + " WHERE family_id = $1", Tuple.of(family, now(), client.ip(), client.userAgent())).mapEmpty();
  }

  /** The account's active sessions, most recently used first; {@code currentJti} marks the caller's. */
  Future<List<Session>> list(long accountId, String currentJti) {
    return db.list(LIST, Tuple.of(accountId, now(), currentJti), r -> new Session(r.getUUID(0).toString(),
        r.getOffsetDateTime(1).toInstant().toString(), r.getOffsetDateTime(2).toInstant().toString(), r.getString(3),
        r.getString(4), r.getBoolean(5)));
  }

  /** Revokes one session of the account; 404 when it is not one of its active sessions. */
  Future<Void> revoke(long accountId, UUID family) {
    return db.execute("UPDATE vivace_auth.sessions SET revoked_at = $3 WHERE family_id = $1 AND account_id = $2 AND revoked_at IS NULL",
        Tuple.of(family, accountId, now())).compose(n -> n == 0
            ? Future.failedFuture(ProblemException.notFound("No active session " + family + " of this account."))
            : familyRevoked(family));
  }

  /** Revokes every session of the account ("log out everywhere"); completes with how many there were. */
  Future<Integer> revokeAll(long accountId) {
    OffsetDateTime now = now();
    return db.execute("UPDATE vivace_auth.refresh_tokens SET revoked_at = $2 WHERE account_id = $1 AND revoked_at IS NULL",
            Tuple.of(accountId, now))
        .compose(x -> db.list("UPDATE vivace_auth.sessions SET revoked_at = $2 WHERE account_id = $1 AND revoked_at IS NULL"
            + " RETURNING family_id", Tuple.of(accountId, now), r -> r.getUUID(0)))
        .compose(families -> {
          // Also families that have no session row (made before sessions were recorded) or whose row is revoked.
          return db.list("SELECT DISTINCT family_id FROM vivace_auth.refresh_tokens WHERE account_id = $1 AND access_expires_at > $2",
              Tuple.of(accountId, now), r -> r.getUUID(0)).compose(all -> denyAll(new ArrayList<>(all), 0)).map(families.size());
        });
  }

  private Future<Void> denyAll(List<UUID> families, int i) {
    return i == families.size() ? Future.succeededFuture() : deny(families.get(i)).compose(x -> denyAll(families, i + 1));
  }

  /**
   * After a family's refresh tokens were revoked (logout, reuse, revocation): its session is marked
   * revoked and its outstanding access tokens are deny-listed.
   */
  Future<Void> familyRevoked(UUID family) {
    return db.execute("UPDATE vivace_auth.refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL",
            Tuple.of(family, now()))
        .compose(x -> db.execute("UPDATE vivace_auth.sessions SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL",
            Tuple.of(family, now())))
        .compose(x -> deny(family));
  }

  private Future<Void> deny(UUID family) {
    return db.list(OUTSTANDING, Tuple.of(family, now()), r -> java.util.Map.entry(r.getString(0),
            r.getOffsetDateTime(1).toEpochSecond()))
        .compose(tokens -> {
          List<Future<Void>> all = new ArrayList<>();
          tokens.forEach(t -> all.add(revoked.revoke(t.getKey(), t.getValue())));
          return Future.all(all).mapEmpty();
        });
  }

  /** Deletes sessions that have no refresh token left (after the expired ones were deleted). */
  Future<Integer> pruneOrphans() {
    return db.execute("DELETE FROM vivace_auth.sessions s WHERE NOT EXISTS"
        + " (SELECT 1 FROM vivace_auth.refresh_tokens t WHERE t.family_id = s.family_id)", Tuple.tuple());
  }
}
