package io.vivace.auth.module.impl;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import io.vivace.auth.module.AuditEvent;
import io.vivace.db.Database;
import io.vivace.problem.ProblemException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail ({@code vivace_auth.audit_events}) when {@code AUTH_AUDIT} is on; otherwise
 * every call returns at once and nothing is stored. Writes are asynchronous and never fail the
 * request they describe (a failed write is logged). Thread-safe.
 */
final class AuditLog {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private final Database db;
  private final Clock clock;
  private volatile boolean on;

  AuditLog(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  void on(boolean on) {
    this.on = on;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  /** Records one event; {@code account} below 0 means unknown. */
  void record(long account, String event, ClientInfo client, String outcome) {
    record(account, event, client, outcome, null);
  }

  /** Records one event with what it acted on ({@code detail}, null: nothing more to say). */
  void record(long account, String event, ClientInfo client, String outcome, String detail) {
    if (!on) {
      return;
    }
    db.execute("INSERT INTO vivace_auth.audit_events (at, account_id, event, outcome, ip, user_agent, detail)"
        + " VALUES ($1, $2, $3, $4, $5, $6, $7)",
        Tuple.of(now(), account < 0 ? null : account, event, outcome, client == null ? null : client.ip(),
            client == null ? null : client.userAgent(), detail))
        .onFailure(e -> LOG.warn("Writing the audit event {} failed: {}", event, e.toString()));
  }

  /** Records the outcome of a request as {@code success} or the failure's kind. */
  void outcome(long account, String event, ClientInfo client, AsyncResult<?> r) {
    outcome(account, event, client, r, null);
  }

  /** Records the outcome of a request with what it acted on. */
  void outcome(long account, String event, ClientInfo client, AsyncResult<?> r, String detail) {
    if (on) {
      record(account, event, client, r.succeeded() ? "success" : kind(r.cause()), detail);
    }
  }

  void totpChanged(long account, String event, ClientInfo client, boolean success) {
    record(account, event, client, success ? "success" : "failure");
  }

  /** The failure's kind for the outcome column. */
  static String kind(Throwable t) {
    if (t == TotpService.CODE_REQUIRED) {
      return "code_required";
    }
    if (t == TotpService.WRONG_LOGIN_CODE || t == TotpService.WRONG_CODE) {
      return "wrong_code";
    }
    if (t instanceof ProblemException p) {
      int s = p.problem().status();
      return s == 429 ? "throttled" : s < 500 ? "failure" : "error";
    }
    return "error";
  }

  /** The account's latest events, newest first. */
  Future<List<AuditEvent>> latest(long account, int limit) {
    return db.list("SELECT at, event, outcome, ip, user_agent, detail FROM vivace_auth.audit_events WHERE account_id = $1"
        + " ORDER BY at DESC, id DESC LIMIT $2", Tuple.of(account, limit), r -> new AuditEvent(
            r.getOffsetDateTime(0).toInstant().toString(), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
            r.getString(5)));
  }

  /** Deletes events older than {@code retentionDays}. */
  Future<Integer> prune(long retentionDays) {
    return db.execute("DELETE FROM vivace_auth.audit_events WHERE at < $1", Tuple.of(now().minusDays(retentionDays)));
  }
}
