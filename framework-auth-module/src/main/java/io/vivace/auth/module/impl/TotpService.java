package io.vivace.auth.module.impl;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Tuple;
import io.vivace.auth.module.RecoveryCodes;
import io.vivace.auth.module.TotpSetup;
import io.vivace.db.Database;
import io.vivace.problem.FieldError;
import io.vivace.problem.Problem;
import io.vivace.problem.ProblemException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * TOTP as a second factor (RFC 6238): setup, enable with a code, disable with a code or a recovery
 * code, the check at login. A code is accepted within ±1 step and only for a step later than the
 * last accepted one (no replay). Recovery codes are one-time and stored as SHA-256. Time is the
 * auth clock. Thread-safe.
 */
final class TotpService {
  static final int RECOVERY_CODES = 10;
  /** A wrong, replayed or missing code where one is needed (enable, disable). */
  static final ProblemException WRONG_CODE = new ProblemException(Problem.of(422, "The code is wrong or was already used.",
      List.of(FieldError.body("/code", "is wrong or was already used"))));
  /** A wrong or replayed code (or recovery code) at login. */
  static final ProblemException WRONG_LOGIN_CODE = new ProblemException(Problem.of(401, "The TOTP code is wrong or was already used.",
      List.of(FieldError.body("/code", "is wrong or was already used"))), Map.of("WWW-Authenticate", "Bearer"));
  /** A right password for an account with TOTP on, without a code. */
  static final ProblemException CODE_REQUIRED = new ProblemException(Problem.of(401,
      "This account uses a second factor: send the TOTP code as code (or a recovery code as recoveryCode).",
      List.of(FieldError.body("/code", "is required for this account"))), Map.of("WWW-Authenticate", "Bearer"));

  private final Database db;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  TotpService(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  private long nowStep() {
    return Totp.step(clock.instant().getEpochSecond());
  }

  private record State(byte[] secret, boolean enabled) {
  }

  private Future<java.util.Optional<State>> state(long account) {
    return db.optional("SELECT secret, enabled_at IS NOT NULL FROM vivace_auth.totp WHERE account_id = $1", Tuple.of(account),
        r -> new State(r.getBuffer(0).getBytes(), r.getBoolean(1)));
  }

  /** A new pending secret (replacing a pending one); 409 when TOTP is on. */
  Future<TotpSetup> setup(long account, String label, String issuer) {
    byte[] secret = new byte[20]; // 160 bits, RFC 4226 section 4's recommendation
    random.nextBytes(secret);
    return db.execute("INSERT INTO vivace_auth.totp (account_id, secret) VALUES ($1, $2) ON CONFLICT (account_id)"
        + " DO UPDATE SET secret = excluded.secret, last_step = 0 WHERE totp.enabled_at IS NULL", Tuple.of(account, Buffer.buffer(secret)))
        .map(n -> {
          if (n == 0) {
            throw ProblemException.conflict("TOTP is already on for this account; disable it first.");
          }
          return new TotpSetup(Totp.base32(secret), Totp.uri(issuer, label, secret));
        });
  }

  /** Turns TOTP on with a valid code; the new recovery codes. 409 without a pending setup, {@link #WRONG_CODE} for a bad code. */
  Future<RecoveryCodes> enable(long account, String code) {
    return state(account).compose(s -> {
      if (s.isEmpty() || s.get().enabled()) {
        return Future.failedFuture(ProblemException.conflict(s.isEmpty() ? "Set TOTP up first (POST totp/setup)." : "TOTP is already on."));
      }
      return consumeCode(account, s.get().secret(), code, WRONG_CODE).compose(x -> {
        List<String> codes = new ArrayList<>();
        List<Tuple> rows = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
          byte[] b = new byte[7];
          random.nextBytes(b);
          String c = Totp.base32(b).substring(0, 10).toLowerCase(Locale.ROOT);
          codes.add(c.substring(0, 5) + "-" + c.substring(5));
          rows.add(Tuple.of(account, RefreshTokens.hash(normalize(c))));
        }
        return db.inTransaction(tx -> tx.execute("UPDATE vivace_auth.totp SET enabled_at = $2 WHERE account_id = $1", Tuple.of(account, now()))
            .compose(n -> tx.execute("DELETE FROM vivace_auth.recovery_codes WHERE account_id = $1", Tuple.of(account)))
            .compose(n -> tx.batch("INSERT INTO vivace_auth.recovery_codes (account_id, code_hash) VALUES ($1, $2)", rows)))
            .map(n -> new RecoveryCodes(codes));
      });
    });
  }

  /** Turns TOTP off with a code or a recovery code; 409 when it is off. */
  Future<Void> disable(long account, String code, String recoveryCode) {
    return state(account).compose(s -> {
      if (s.isEmpty() || !s.get().enabled()) {
        return Future.failedFuture(ProblemException.conflict("TOTP is not on for this account."));
      }
      Future<Void> proof = recoveryCode != null && code == null ? consumeRecovery(account, recoveryCode, WRONG_CODE)
          : consumeCode(account, s.get().secret(), code, WRONG_CODE);
      return proof.compose(x -> db.inTransaction(tx -> tx.execute("DELETE FROM vivace_auth.totp WHERE account_id = $1", Tuple.of(account))
          .compose(n -> tx.execute("DELETE FROM vivace_auth.recovery_codes WHERE account_id = $1", Tuple.of(account))))).mapEmpty();
    });
  }

  /** At login, after the password matched: succeeds when TOTP is off or the code (or recovery code) is good. */
  Future<Void> checkLogin(long account, String code, String recoveryCode) {
    return state(account).compose(s -> {
      if (s.isEmpty() || !s.get().enabled()) {
        return Future.succeededFuture();
      }
      if (isBlank(code) && isBlank(recoveryCode)) {
        return Future.failedFuture(CODE_REQUIRED);
      }
      return !isBlank(code) ? consumeCode(account, s.get().secret(), code, WRONG_LOGIN_CODE)
          : consumeRecovery(account, recoveryCode, WRONG_LOGIN_CODE);
    });
  }

  /** Whether TOTP is on for the account. */
  Future<Boolean> enabled(long account) {
    return state(account).map(s -> s.isPresent() && s.get().enabled());
  }

  private Future<Void> consumeCode(long account, byte[] secret, String code, ProblemException wrong) {
    long step = Totp.match(secret, code == null ? null : code.trim(), nowStep());
    if (step < 0) {
      return Future.failedFuture(wrong);
    }
    // Atomic: a second use of this step's code (or an older one) updates nothing.
    return db.execute("UPDATE vivace_auth.totp SET last_step = $2 WHERE account_id = $1 AND last_step < $2", Tuple.of(account, step))
        .compose(n -> n == 1 ? Future.succeededFuture() : Future.failedFuture(wrong));
  }

  private Future<Void> consumeRecovery(long account, String recoveryCode, ProblemException wrong) {
    if (recoveryCode == null || recoveryCode.length() > 64) {
      return Future.failedFuture(wrong);
    }
    return db.execute("UPDATE vivace_auth.recovery_codes SET used_at = $3 WHERE account_id = $1 AND code_hash = $2 AND used_at IS NULL",
        Tuple.of(account, RefreshTokens.hash(normalize(recoveryCode)), now()))
        .compose(n -> n == 1 ? Future.succeededFuture() : Future.failedFuture(wrong));
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /** A recovery code as hashed: lower case, without dashes or spaces. */
  static String normalize(String code) {
    return code.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
