package io.vivace.auth;

import io.vivace.config.Setting;
import java.util.List;

/**
 * The declarations of the throttle settings: login attempts per client IP, the per-account
 * lockout, signups per client IP and the in-process store's bound, each {@code DEFAULT_*} and its
 * one {@link Setting}. {@link AuthOptions} and {@link ThrottleOptions} implement this interface, so
 * {@code AuthOptions.DEFAULT_LOCKOUT} and {@code AuthOptions.LOCKOUT} name the same constants; it is
 * sealed, nothing else implements it. Durations in seconds.
 */
public sealed interface ThrottleSettings permits AuthOptions, ThrottleOptions {
  /** Login attempts per client IP per {@link #DEFAULT_IP_WINDOW}: {@value}. Environment {@code AUTH_IP_ATTEMPTS}. */
  int DEFAULT_IP_ATTEMPTS = 30;
  /** The per-IP window: {@value} s. Environment {@code AUTH_IP_WINDOW}. */
  long DEFAULT_IP_WINDOW = 60;
  /** Failed logins of one account within {@link #DEFAULT_FAILURE_WINDOW} that lock it: {@value}. Environment {@code AUTH_MAX_FAILURES}. */
  int DEFAULT_MAX_FAILURES = 5;
  /** The window failures are counted in: {@value} s. Environment {@code AUTH_FAILURE_WINDOW}. */
  long DEFAULT_FAILURE_WINDOW = 900;
  /** How long a locked account stays locked: {@value} s. Environment {@code AUTH_LOCKOUT}. */
  long DEFAULT_LOCKOUT = 900;
  /** Signups per client IP per {@link #DEFAULT_SIGNUP_WINDOW}: {@value}. Environment {@code AUTH_SIGNUP_ATTEMPTS}. */
  int DEFAULT_SIGNUP_ATTEMPTS = 10;
  /** The per-IP signup window, seconds: {@value}. Environment {@code AUTH_SIGNUP_WINDOW}. */
  long DEFAULT_SIGNUP_WINDOW = 60;
  /**
   * Counters and locks the in-process throttle store holds at most (about 100 bytes each): {@value}.
   * Environment {@code AUTH_THROTTLE_ENTRIES}.
   */
  long DEFAULT_THROTTLE_ENTRIES = 100_000;

  /** {@code AUTH_IP_ATTEMPTS}. */
  Setting<Integer> IP_ATTEMPTS = Setting.integer("AUTH_IP_ATTEMPTS", "ipLimit attempts",
      DEFAULT_IP_ATTEMPTS, 1, 1_000_000, "login attempts per client IP per AUTH_IP_WINDOW");
  /** {@code AUTH_IP_WINDOW}. */
  Setting<Long> IP_WINDOW = Setting.longValue("AUTH_IP_WINDOW", "ipLimit window", DEFAULT_IP_WINDOW,
      1, 86_400, "the per-IP window, seconds");
  /** {@code AUTH_MAX_FAILURES}. */
  Setting<Integer> MAX_FAILURES = Setting.integer("AUTH_MAX_FAILURES", "lockoutAfter failures",
      DEFAULT_MAX_FAILURES, 1, 1000, "failed logins of one account within AUTH_FAILURE_WINDOW that lock it");
  /** {@code AUTH_FAILURE_WINDOW}. */
  Setting<Long> FAILURE_WINDOW = Setting.longValue("AUTH_FAILURE_WINDOW", "lockoutAfter window",
      DEFAULT_FAILURE_WINDOW, 1, 86_400, "the window failures are counted in, seconds");
  /** {@code AUTH_LOCKOUT}. */
  Setting<Long> LOCKOUT = Setting.longValue("AUTH_LOCKOUT", "lockoutAfter lockout", DEFAULT_LOCKOUT,
      1, 86_400, "how long a locked account stays locked, seconds");
  /** {@code AUTH_SIGNUP_ATTEMPTS}. */
  Setting<Integer> SIGNUP_ATTEMPTS = Setting.integer("AUTH_SIGNUP_ATTEMPTS", "signupLimit attempts",
      DEFAULT_SIGNUP_ATTEMPTS, 1, 1_000_000, "signups per client IP per AUTH_SIGNUP_WINDOW (each costs an Argon2id hash)");
  /** {@code AUTH_SIGNUP_WINDOW}. */
  Setting<Long> SIGNUP_WINDOW = Setting.longValue("AUTH_SIGNUP_WINDOW", "signupLimit window",
      DEFAULT_SIGNUP_WINDOW, 1, 86_400, "the per-IP signup window, seconds");
  /** {@code AUTH_THROTTLE_ENTRIES}. */
  Setting<Long> THROTTLE_ENTRIES = Setting.longValue("AUTH_THROTTLE_ENTRIES", "throttleEntries",
      DEFAULT_THROTTLE_ENTRIES, 1, 100_000_000, "counters and locks the in-process throttle store holds at most");

  /** The throttle settings, in the order docs/configuration.md lists them. */
  List<Setting<?>> THROTTLE_SETTINGS = List.of(IP_ATTEMPTS, IP_WINDOW, MAX_FAILURES, FAILURE_WINDOW, LOCKOUT,
      SIGNUP_ATTEMPTS, SIGNUP_WINDOW, THROTTLE_ENTRIES);
}
