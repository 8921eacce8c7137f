package io.vivace.auth.module.impl;

import io.vertx.core.Future;
import io.vivace.auth.Auth;
import io.vivace.auth.AuthUser;
import io.vivace.auth.module.RecoveryCodes;
import io.vivace.auth.module.TotpCode;
import io.vivace.auth.module.TotpSetup;
import io.vivace.auth.throttle.LoginThrottle;
import io.vivace.extract.Body;
import io.vivace.response.Response;
import io.vivace.route.Routes;
import java.util.function.Supplier;

/**
 * The TOTP routes (RFC 6238), with the account's bearer token: setup, enable, disable. Code
 * attempts go through the login throttle (per client IP, and wrong codes count toward the account's
 * lockout like wrong passwords).
 */
final class TotpRoutes {
  /** Told of each TOTP change: account id, event ("totp_enabled", "totp_disabled"), client, success. */
  interface Listener {
    void changed(long account, String event, ClientInfo client, boolean success);
  }

  private final TotpService totp;
  private final Auth auth;
  private final Supplier<LoginThrottle> throttle;
  private final Supplier<String> issuer;
  private final Listener listener;

  TotpRoutes(TotpService totp, Auth auth, Supplier<LoginThrottle> throttle, Supplier<String> issuer, Listener listener) {
    this.totp = totp;
    this.auth = auth;
    this.throttle = throttle;
    this.issuer = issuer;
    this.listener = listener;
  }

  void mount(Routes routes, String prefix) {
    routes.post(prefix + "/totp/setup", auth.user(), this::setup)
        .produces(TotpSetup.class).errors(409).operationId("totpSetup")
        .summary("Start TOTP setup (RFC 6238): a new secret and its otpauth:// URI").tags("auth");
    routes.post(prefix + "/totp/enable", ClientInfo.EXTRACTOR, auth.user(), Body.json(TotpCode.class), this::enable)
        .produces(RecoveryCodes.class).errors(409, 429).operationId("totpEnable")
        .summary("Turn TOTP on with a valid code; answers the one-time recovery codes").tags("auth");
    routes.post(prefix + "/totp/disable", ClientInfo.EXTRACTOR, auth.user(), Body.json(TotpCode.class), this::disable)
        .status(204).errors(409, 429).operationId("totpDisable")
        .summary("Turn TOTP off with a code or a recovery code").tags("auth");
  }

  private static String email(AuthUser u) {
    return u.claims().get("email") instanceof String e ? e : "account:" + u.id();
  }

  Future<TotpSetup> setup(AuthUser u) {
    return totp.setup(SessionRoutes.account(u), email(u), issuer.get());
  }

  Future<RecoveryCodes> enable(ClientInfo client, AuthUser u, TotpCode in) {
    long account = SessionRoutes.account(u);
    return guarded(client, u, () -> totp.enable(account, in.code()), "totp_enabled");
  }

  Future<Response> disable(ClientInfo client, AuthUser u, TotpCode in) {
    long account = SessionRoutes.account(u);
    return guarded(client, u, () -> totp.disable(account, in.code(), in.recoveryCode()), "totp_disabled").map(x -> Response.noContent());
  }

  /** {@code action} after the throttle lets the attempt through; a wrong code counts as a failure. */
  private <T> Future<T> guarded(ClientInfo client, AuthUser u, Supplier<Future<T>> action, String event) {
    String email = email(u);
    LoginThrottle t = throttle.get();
    long account = SessionRoutes.account(u);
    return t.attempt(client.ip(), email).compose(ok -> action.get())
        .andThen(r -> listener.changed(account, event, client, r.succeeded()))
        .recover(e -> e == TotpService.WRONG_CODE ? t.failed(email).compose(x -> Future.failedFuture(e)) : Future.failedFuture(e))
        .compose(v -> t.succeeded(email).map(v));
  }
}
