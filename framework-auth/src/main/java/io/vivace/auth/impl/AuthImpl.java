package io.vivace.auth.impl;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vivace.App;
import io.vivace.auth.Auth;
import io.vivace.auth.AuthOptions;
import io.vivace.auth.AuthUser;
import io.vivace.auth.Jwt;
import io.vivace.extract.RequestExtractor;
import io.vivace.openapi.ExtractorDoc;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** {@link Auth}: the {@link Jwt} is made at once from given options, or in the app's validation phase from the environment. */
public final class AuthImpl implements Auth {
  private final Clock clock;
  private volatile JwtImpl jwt;
  private volatile io.vivace.auth.TokenDenyList denyList;

  public AuthImpl(App app, AuthOptions options, Clock clock) {
    this.clock = java.util.Objects.requireNonNull(clock, "clock");
    if (options != null) {
      this.jwt = new JwtImpl(options, clock);
    } else {
      // Read and checked in the app's validation phase, before any start hook (database, migrations).
      app.onValidate(config -> {
        JwtImpl made = new JwtImpl(AuthOptions.fromEnvironment(config), clock);
        made.denyList(denyList);
        this.jwt = made;
      });
    }
    // An external provider's keys: fetched at start, refreshed while the app runs.
    app.onStart(vertx -> {
      ExternalKeys ext = jwt.external();
      return ext == null ? io.vertx.core.Future.succeededFuture() : ext.start(vertx);
    });
    app.onStop(vertx -> {
      JwtImpl j = jwt;
      return j == null || j.external() == null ? io.vertx.core.Future.succeededFuture() : j.external().stop();
    });
  }

  private volatile io.vivace.auth.RolePermissions permissions;

  @Override
  public Auth permissions(io.vivace.auth.RolePermissions source) {
    this.permissions = source;
    return this;
  }

  @Override
  public RequestExtractor<AuthUser> permission(String permission) {
    if (permission == null || permission.isBlank()) {
      throw new IllegalArgumentException("permission() needs a permission name");
    }
    String detail = "This needs the permission " + permission + ".";
    RequestExtractor<AuthUser> user = user();
    return new Documented<>(ExtractorDoc.bearer(permission)) {
      @Override
      public AuthUser extract(HttpServerRequest request) {
        AuthUser u = user.extract(request);
        io.vivace.auth.RolePermissions p = permissions;
        if (p != null && p.grants(u.roles(), permission)) {
          return u;
        }
        throw BearerProblems.forbidden(detail);
      }
    };
  }

  @Override
  public Auth denyList(io.vivace.auth.TokenDenyList list) {
    this.denyList = list;
    JwtImpl j = jwt;
    if (j != null) {
      j.denyList(list);
    }
    return this;
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

  /** The bearer token of {@code request}, or null when there is no {@code Authorization: Bearer} header. */
  static String token(HttpServerRequest request) {
    String h = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (h == null || h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return h.substring(7).trim();
  }

  @Override
  public RequestExtractor<AuthUser> user() {
    return new Documented<>(ExtractorDoc.bearer()) {
      @Override
      public AuthUser extract(HttpServerRequest request) {
        String token = token(request);
        if (token == null) {
          throw BearerProblems.missing();
        }
        return jwt().verify(token);
      }
    };
  }

  @Override
  public RequestExtractor<Optional<AuthUser>> optionalUser() {
    return new Documented<>(ExtractorDoc.optionalBearer()) {
      @Override
      public Optional<AuthUser> extract(HttpServerRequest request) {
        String token = token(request);
        return token == null ? Optional.empty() : Optional.of(jwt().verify(token));
      }
    };
  }

  @Override
  public RequestExtractor<AuthUser> role(String... anyOf) {
    if (anyOf.length == 0) {
      throw new IllegalArgumentException("role() needs at least one role");
    }
    List<String> roles = List.of(anyOf);
    String detail = roles.size() == 1 ? "This needs the role " + roles.get(0) + "."
        : "This needs one of the roles " + String.join(", ", roles) + ".";
    RequestExtractor<AuthUser> user = user();
    return new Documented<>(ExtractorDoc.bearer(anyOf)) {
      @Override
      public AuthUser extract(HttpServerRequest request) {
        AuthUser u = user.extract(request);
        for (int i = 0; i < roles.size(); i++) {
          if (u.hasRole(roles.get(i))) {
            return u;
          }
        }
        throw BearerProblems.forbidden(detail);
      }
    };
  }

  /** A request extractor that describes itself for the OpenAPI document (bearer JWT, roles). */
  private abstract static class Documented<T> implements RequestExtractor<T> {
    private final ExtractorDoc doc;

    Documented(ExtractorDoc doc) {
      this.doc = doc;
    }

    @Override
    public ExtractorDoc describe() {
      return doc;
    }
  }
}
