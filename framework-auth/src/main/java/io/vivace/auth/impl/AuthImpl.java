package io.vivace.auth.impl;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vivace.App;
import io.vivace.auth.Auth;
import io.vivace.auth.AuthOptions;
import io.vivace.auth.AuthUser;
import io.vivace.auth.Jwt;
import io.vivace.extract.Extractor;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** {@link Auth}: the {@link Jwt} is made at once from given options, or at start from the environment. */
public final class AuthImpl implements Auth {
  private final Clock clock;
  private volatile Jwt jwt;

  public AuthImpl(App app, AuthOptions options, Clock clock) {
    this.clock = java.util.Objects.requireNonNull(clock, "clock");
    if (options != null) {
      this.jwt = new JwtImpl(options, clock);
    } else {
      app.onStart(vertx -> {
        try {
          this.jwt = new JwtImpl(AuthOptions.fromEnvironment(), clock);
          return Future.succeededFuture();
        } catch (RuntimeException e) {
          return Future.failedFuture(e);
        }
      });
    }
  }

  @Override
  public Jwt jwt() {
    Jwt j = jwt;
    if (j == null) {
      throw new IllegalStateException("authentication is configured when the app starts; it has not started yet");
    }
    return j;
  }

  @Override
  public AuthOptions options() {
    return jwt().options();
  }

  @Override
  public Clock clock() {
    return clock;
  }

  /** The bearer token of {@code ctx}, or null when there is no {@code Authorization: Bearer} header. */
  static String token(RoutingContext ctx) {
    String h = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (h == null || h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return h.substring(7).trim();
  }

  @Override
  public Extractor<AuthUser> user() {
    return ctx -> {
      String token = token(ctx);
      if (token == null) {
        throw BearerProblems.missing();
      }
      return jwt().verify(token);
    };
  }

  @Override
  public Extractor<Optional<AuthUser>> optionalUser() {
    return ctx -> {
      String token = token(ctx);
      return token == null ? Optional.empty() : Optional.of(jwt().verify(token));
    };
  }

  @Override
  public Extractor<AuthUser> role(String... anyOf) {
    if (anyOf.length == 0) {
      throw new IllegalArgumentException("role() needs at least one role");
    }
    List<String> roles = List.of(anyOf);
    String detail = roles.size() == 1 ? "This needs the role " + roles.get(0) + "."
        : "This needs one of the roles " + String.join(", ", roles) + ".";
    Extractor<AuthUser> user = user();
    return ctx -> {
      AuthUser u = user.extract(ctx);
      for (int i = 0; i < roles.size(); i++) {
        if (u.hasRole(roles.get(i))) {
          return u;
        }
      }
      throw BearerProblems.forbidden(detail);
    };
  }
}
