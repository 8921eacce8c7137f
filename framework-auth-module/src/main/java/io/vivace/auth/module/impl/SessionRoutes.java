package io.vivace.auth.module.impl;

import io.vivace.auth.Auth;
import io.vivace.auth.AuthUser;
import io.vivace.auth.module.Session;
import io.vivace.extract.Path;
import io.vivace.problem.ProblemException;
import io.vivace.response.Response;
import io.vivace.route.Routes;
import java.util.UUID;

/**
 * The session routes, all with the account's bearer token: list the active sessions, revoke one,
 * revoke all ("log out everywhere"). Revoking also deny-lists the sessions' outstanding access
 * tokens, the caller's own included when its session goes.
 */
final class SessionRoutes {
  private final Sessions sessions;
  private final Auth auth;
  private final AuditLog audit;

  SessionRoutes(Sessions sessions, Auth auth, AuditLog audit) {
    this.sessions = sessions;
    this.auth = auth;
    this.audit = audit;
  }

  void mount(Routes routes, String prefix) {
    routes.get(prefix + "/sessions", auth.user(), u -> sessions.list(account(u), u.jti()))
        .produces(java.util.List.class, Session.class).operationId("listSessions")
        .summary("The account's active sessions (refresh-token families)").tags("auth");
    routes.delete(prefix + "/sessions/:session", ClientInfo.EXTRACTOR, auth.user(), Path.uuid("session"), (c, u, id) -> revoke(c, account(u), id))
        .status(204).errors(404).operationId("revokeSession")
        .summary("Revoke one session: its refresh tokens and outstanding access tokens").tags("auth");
    routes.delete(prefix + "/sessions", ClientInfo.EXTRACTOR, auth.user(), (c, u) -> sessions.revokeAll(account(u))
            .andThen(r -> audit.outcome(account(u), "sessions_revoked_all", c, r)).map(n -> Response.noContent()))
        .status(204).operationId("revokeAllSessions").summary("Log out everywhere: revoke every session of the account")
        .tags("auth");
    routes.get(prefix + "/audit", auth.user(), u -> audit.latest(account(u), 100))
        .produces(java.util.List.class, io.vivace.auth.module.AuditEvent.class).operationId("auditEvents")
        .summary("The account's latest 100 audit events (AUTH_AUDIT)").tags("auth");
  }

  private io.vertx.core.Future<Response> revoke(ClientInfo client, long account, UUID id) {
    return sessions.revoke(account, id).andThen(r -> audit.outcome(account, "session_revoked", client, r))
        .map(x -> Response.noContent());
  }

  /** The account id of a token this server issued; 404 for another issuer's subject. */
  static long account(AuthUser user) {
    try {
      return Long.parseLong(user.id());
    } catch (NumberFormatException e) {
      throw ProblemException.notFound("The token's subject is not an account of this server.");
    }
  }
}
