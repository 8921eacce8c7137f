package io.vivace.auth.module.impl;

import io.vertx.core.Future;
import io.vivace.auth.Auth;
import io.vivace.auth.AuthUser;
import io.vivace.auth.module.AuthModule;
import io.vivace.auth.module.Role;
import io.vivace.extract.Param;
import io.vivace.extract.Path;
import io.vivace.extract.RequestExtractor;
import io.vivace.problem.FieldError;
import io.vivace.problem.Problem;
import io.vivace.problem.ProblemException;
import io.vivace.response.Response;
import io.vivace.route.Routes;
import java.util.List;
import java.util.function.Supplier;

/**
 * The permission admin routes ({@code AUTH_PERMISSION_ROUTES}; 404 for everyone while off): list
 * the roles and their permissions, grant a permission to a role, revoke it. Each needs a token whose
 * roles grant {@link AuthModule#ADMIN_PERMISSION} (the superuser role does). A grant or revocation
 * is recorded in the audit trail with the role and permission, applies in this instance at once and,
 * with Redis, in the others as soon as they hear of it (else within {@code AUTH_PERMISSIONS_TTL}).
 */
final class PermissionRoutes {
  private static final ProblemException OFF = ProblemException.notFound("The permission admin routes are off on this server.");
  /** The longest role or permission name the routes take. */
  static final int MAX_NAME = 100;
  private static final String NAME_RULE = "1 to " + MAX_NAME + " ASCII letters, digits, '_', '-', '.' or ':'";
  private static final Param<String> ROLE = Path.of("role", PermissionRoutes::name, NAME_RULE);
  private static final Param<String> PERMISSION = Path.of("permission", PermissionRoutes::name, NAME_RULE);

  private final Permissions permissions;
  private final Auth auth;
  private final AuditLog audit;
  private final Supplier<Started> started;

  PermissionRoutes(Permissions permissions, Auth auth, AuditLog audit, Supplier<Started> started) {
    this.permissions = permissions;
    this.auth = auth;
    this.audit = audit;
    this.started = started;
  }

  void mount(Routes routes, String prefix) {
    // The guard runs before the extractors: while off, 404 with or without a token.
    RequestExtractor<Boolean> on = request -> {
      Started s = started.get();
      if (s == null || !s.options().permissionRoutes()) {
        throw OFF;
      }
      return Boolean.TRUE;
    };
    RequestExtractor<AuthUser> admin = auth.permission(AuthModule.ADMIN_PERMISSION);
    routes.get(prefix + "/roles", admin, u -> permissions.roles())
        .require(on).produces(List.class, Role.class).errors(404).operationId("listRoles")
        .summary("Every role that grants a permission, and the superuser role, with their permissions (needs auth:admin)")
        .tags("auth");
    routes.put(prefix + "/roles/:role/permissions/:permission", ClientInfo.EXTRACTOR, admin, ROLE, PERMISSION, this::grant)
        .require(on).produces(Role.class).status(201).otherStatuses(200).errors(404).operationId("grantPermission")
        .summary("Grant a permission to a role (needs auth:admin): 201 when it is new, 200 when the role held it already")
        .tags("auth");
    routes.delete(prefix + "/roles/:role/permissions/:permission", ClientInfo.EXTRACTOR, admin, ROLE, PERMISSION, this::revoke)
        .require(on).status(204).errors(404).operationId("revokePermission")
        .summary("Take a permission from a role (needs auth:admin); 404 when the role does not hold it").tags("auth");
  }

  /** 201 with the role when the grant is new, 200 with it when the role held the permission already (PUT is idempotent). */
  Future<Response> grant(ClientInfo client, AuthUser admin, String role, String permission) {
    Future<Boolean> granted = permissions.grant(role, permission);
    return granted.compose(g -> permissions.role(role))
        .andThen(r -> audit.outcome(actor(admin), "permission_granted", client, r,
            role + " " + permission + (granted.succeeded() && !granted.result() ? " (held already)" : "")))
        .map(r -> granted.result() ? Response.created(r) : Response.ok(r));
  }

  Future<Response> revoke(ClientInfo client, AuthUser admin, String role, String permission) {
    return permissions.revoke(role, permission).compose(held -> held ? Future.succeededFuture()
            : Future.failedFuture(new ProblemException(Problem.of(404, "The role " + role + " does not hold the permission "
                + permission + ".", List.of(new FieldError("path", "permission", "is not granted to the role"))))))
        .andThen(r -> audit.outcome(actor(admin), "permission_revoked", client, r, role + " " + permission))
        .map(x -> Response.noContent());
  }

  /** The acting account for the audit trail: -1 (unknown) for another issuer's subject. */
  private static long actor(AuthUser admin) {
    try {
      return Long.parseLong(admin.id());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** A role or permission name as the routes take it; else IllegalArgumentException (a 400 naming the parameter). */
  static String name(String raw) {
    if (raw.isEmpty() || raw.length() > MAX_NAME) {
      throw new IllegalArgumentException();
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '-' || c == '.' || c == ':';
      if (!ok) {
        throw new IllegalArgumentException();
      }
    }
    return raw;
  }
}
