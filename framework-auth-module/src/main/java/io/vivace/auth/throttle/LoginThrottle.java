package io.vivace.auth.throttle;

import io.vertx.core.Future;
import io.vivace.auth.AuthOptions;
import io.vivace.problem.Problem;
import io.vivace.problem.ProblemException;

/**
 * Login throttling: at most {@link AuthOptions#ipAttempts()} attempts per client IP per
 * {@link AuthOptions#ipWindow()}, and an account lockout of {@link AuthOptions#lockout()} after
 * {@link AuthOptions#maxFailures()} failed logins within {@link AuthOptions#failureWindow()}. Both
 * answer 429 with {@code Retry-After} in seconds (RFC 6585, RFC 9110 section 10.2.3). Signups are
 * limited to {@link AuthOptions#signupAttempts()} per client IP per {@link AuthOptions#signupWindow()}
 * (each costs an Argon2id hash). Accounts are keyed by the SHA-256 of the normalised e-mail address as
 * typed, whether or not such an account exists, so throttling reveals nothing about which addresses are
 * registered and a key has the same size whatever the client sends; IPv6 clients are keyed by their
 * /64 network. Thread-safe.
 */
public final class LoginThrottle {
  private final ThrottleStore store;
  private final int ipAttempts;
  private final long ipWindowMs;
  private final int maxFailures;
  private final long failureWindowMs;
  private final long lockoutMs;
  private final int signupAttempts;
  private final long signupWindowMs;

  public LoginThrottle(AuthOptions options, ThrottleStore store) {
    this.store = java.util.Objects.requireNonNull(store, "store");
    this.ipAttempts = options.ipAttempts();
    this.ipWindowMs = options.ipWindow() * 1000;
    this.maxFailures = options.maxFailures();
    this.failureWindowMs = options.failureWindow() * 1000;
    this.lockoutMs = options.lockout() * 1000;
    this.signupAttempts = options.signupAttempts();
    this.signupWindowMs = options.signupWindow() * 1000;
  }

  /** The store behind this throttle. */
  public ThrottleStore store() {
    return store;
  }

  /**
   * Counts an attempt from {@code ip} on {@code account}; fails with a 429 problem when the IP is
   * over its limit or the account is locked.
   */
  public Future<Void> attempt(String ip, String account) {
    return store.hit("ip:" + ThrottleKeys.client(ip), ipWindowMs).compose(hit -> {
      if (hit.count() > ipAttempts) {
        return Future.failedFuture(tooMany("Too many login attempts from this address; try again later.", hit.ttlMs()));
      }
      return store.ttl("lock:" + ThrottleKeys.account(account)).compose(locked -> locked > 0
          ? Future.failedFuture(tooMany("This account is locked after repeated failed logins; try again later.", locked))
          : Future.<Void>succeededFuture());
    });
  }

  /** Records a failed login on {@code account}, locking it at the limit. */
  public Future<Void> failed(String account) {
    String key = ThrottleKeys.account(account);
    return store.hit("fail:" + key, failureWindowMs).compose(hit -> hit.count() < maxFailures
        ? Future.<Void>succeededFuture()
        : store.set("lock:" + key, lockoutMs).compose(v -> store.delete("fail:" + key)));
  }

  /** Clears the failures of {@code account} after a successful login. */
  public Future<Void> succeeded(String account) {
    return store.delete("fail:" + ThrottleKeys.account(account));
  }

  /** Counts a signup from {@code ip}; fails with a 429 problem when the IP is over its limit. */
  public Future<Void> signup(String ip) {
    return store.hit("signup:" + ThrottleKeys.client(ip), signupWindowMs).compose(hit -> hit.count() > signupAttempts
        ? Future.failedFuture(tooMany("Too many signups from this address; try again later.", hit.ttlMs()))
        : Future.<Void>succeededFuture());
  }

  static ProblemException tooMany(String detail, long retryMs) {
    long seconds = Math.max(1, (retryMs + 999) / 1000);
    return new ProblemException(Problem.of(429, detail), java.util.Map.of("Retry-After", Long.toString(seconds)));
  }
}
