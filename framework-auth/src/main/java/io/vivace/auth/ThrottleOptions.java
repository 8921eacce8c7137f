package io.vivace.auth;

import io.vivace.config.Config;

/**
 * How logins and signups are throttled (the accounts module's {@code LoginThrottle}): attempts per
 * client IP per window, failed logins of one account that lock it and for how long, signups per
 * client IP per window, and how many counters the in-process store holds. Each value has a
 * {@code DEFAULT_*} and one {@link io.vivace.config.Setting} in {@link ThrottleSettings}; the setters
 * check through them ({@link IllegalArgumentException} naming the setting). Part of
 * {@link AuthOptions} ({@link AuthOptions#throttle()}). Durations in seconds. Not thread-safe while
 * being set.
 */
public final class ThrottleOptions implements ThrottleSettings {
  private int ipAttempts = DEFAULT_IP_ATTEMPTS;
  private long ipWindow = DEFAULT_IP_WINDOW;
  private int maxFailures = DEFAULT_MAX_FAILURES;
  private long failureWindow = DEFAULT_FAILURE_WINDOW;
  private long lockout = DEFAULT_LOCKOUT;
  private int signupAttempts = DEFAULT_SIGNUP_ATTEMPTS;
  private long signupWindow = DEFAULT_SIGNUP_WINDOW;
  private long throttleEntries = DEFAULT_THROTTLE_ENTRIES;

  /** Options with every value at its {@code DEFAULT_*}. */
  public ThrottleOptions() {
  }

  /**
   * Options from {@code config}: the {@code AUTH_IP_*}, {@code AUTH_MAX_FAILURES},
   * {@code AUTH_FAILURE_WINDOW}, {@code AUTH_LOCKOUT}, {@code AUTH_SIGNUP_*} and
   * {@code AUTH_THROTTLE_ENTRIES} settings.
   *
   * @throws io.vivace.config.ConfigException naming the setting on a bad value
   */
  public static ThrottleOptions fromEnvironment(Config config) {
    ThrottleOptions o = new ThrottleOptions();
    o.ipAttempts = IP_ATTEMPTS.read(config);
    o.ipWindow = IP_WINDOW.read(config);
    o.maxFailures = MAX_FAILURES.read(config);
    o.failureWindow = FAILURE_WINDOW.read(config);
    o.lockout = LOCKOUT.read(config);
    o.signupAttempts = SIGNUP_ATTEMPTS.read(config);
    o.signupWindow = SIGNUP_WINDOW.read(config);
    o.throttleEntries = THROTTLE_ENTRIES.read(config);
    return o;
  }

  /** Login attempts per client IP per {@link #ipWindow()}. */
  public int ipAttempts() { return ipAttempts; }

  /** Per-IP window, seconds. */
  public long ipWindow() { return ipWindow; }

  /** At most {@code attempts} logins per client IP per {@code windowSeconds}. */
  public ThrottleOptions ipLimit(int attempts, long windowSeconds) {
    IP_ATTEMPTS.check(attempts);
    this.ipWindow = IP_WINDOW.check(windowSeconds);
    this.ipAttempts = attempts;
    return this;
  }

  /** Failed logins within {@link #failureWindow()} that lock the account. */
  public int maxFailures() { return maxFailures; }

  /** Failure window, seconds. */
  public long failureWindow() { return failureWindow; }

  /** Lockout duration, seconds. */
  public long lockout() { return lockout; }

  /** {@code failures} failed logins within {@code windowSeconds} lock the account for {@code lockoutSeconds}. */
  public ThrottleOptions lockoutAfter(int failures, long windowSeconds, long lockoutSeconds) {
    MAX_FAILURES.check(failures);
    FAILURE_WINDOW.check(windowSeconds);
    this.lockout = LOCKOUT.check(lockoutSeconds);
    this.maxFailures = failures;
    this.failureWindow = windowSeconds;
    return this;
  }

  /** Signups per client IP per {@link #signupWindow()}. */
  public int signupAttempts() { return signupAttempts; }

  /** Per-IP signup window, seconds. */
  public long signupWindow() { return signupWindow; }

  /** At most {@code attempts} signups per client IP per {@code windowSeconds}. */
  public ThrottleOptions signupLimit(int attempts, long windowSeconds) {
    SIGNUP_ATTEMPTS.check(attempts);
    this.signupWindow = SIGNUP_WINDOW.check(windowSeconds);
    this.signupAttempts = attempts;
    return this;
  }

  /** Entries the in-process throttle store holds at most. */
  public long throttleEntries() { return throttleEntries; }

  public ThrottleOptions throttleEntries(long entries) {
    this.throttleEntries = THROTTLE_ENTRIES.check(entries);
    return this;
  }
}
