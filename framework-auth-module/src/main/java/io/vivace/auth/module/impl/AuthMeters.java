package io.vivace.auth.module.impl;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.AsyncResult;
import io.vivace.problem.ProblemException;

/**
 * The auth module's meters, registered once at start when the app's metrics are on:
 *
 * <ul>
 *   <li>{@code vivace.auth.logins} (counter; tag {@code result}: {@code success}, {@code failure}
 *       (wrong e-mail or password, a missing or wrong second-factor code, an unverified address), {@code throttled} (429: too many attempts from the address, or
 *       the account locked), {@code error} (anything else, such as the database down));</li>
 *   <li>{@code vivace.auth.signups} (counter; tag {@code result}: {@code success},
 *       {@code throttled}, {@code rejected} (invalid or taken), {@code error}).</li>
 * </ul>
 *
 * A request that fails validation (422) before any attempt is not counted. Thread-safe.
 */
final class AuthMeters {
  private final Counter loginSuccess;
  private final Counter loginFailure;
  private final Counter loginThrottled;
  private final Counter loginError;
  private final Counter signupSuccess;
  private final Counter signupThrottled;
  private final Counter signupRejected;
  private final Counter signupError;

  AuthMeters(MeterRegistry registry) {
    loginSuccess = login(registry, "success");
    loginFailure = login(registry, "failure");
    loginThrottled = login(registry, "throttled");
    loginError = login(registry, "error");
    signupSuccess = signup(registry, "success");
    signupThrottled = signup(registry, "throttled");
    signupRejected = signup(registry, "rejected");
    signupError = signup(registry, "error");
  }

  private static Counter login(MeterRegistry registry, String result) {
    return Counter.builder("vivace.auth.logins").description("Login attempts by result").tag("result", result)
        .register(registry);
  }

  private static Counter signup(MeterRegistry registry, String result) {
    return Counter.builder("vivace.auth.signups").description("Signups by result").tag("result", result)
        .register(registry);
  }

  /** Records the outcome of one login; {@code wrong} is the wrong-credentials failure. */
  void login(AsyncResult<?> outcome, Throwable wrong) {
    if (outcome.succeeded()) {
      loginSuccess.increment();
    } else if (outcome.cause() == wrong || status(outcome.cause()) == 401 || status(outcome.cause()) == 403) {
      loginFailure.increment(); // wrong credentials, a missing or wrong TOTP code, an unverified address
    } else {
      (status(outcome.cause()) == 429 ? loginThrottled : loginError).increment();
    }
  }

  /** Records the outcome of one signup. */
  void signup(AsyncResult<?> outcome) {
    if (outcome.succeeded()) {
      signupSuccess.increment();
      return;
    }
    int status = status(outcome.cause());
    (status == 429 ? signupThrottled : status >= 400 && status < 500 ? signupRejected : signupError).increment();
  }

  private static int status(Throwable t) {
    return t instanceof ProblemException p ? p.problem().status() : 500;
  }
}
