package io.vivace.auth.impl;

import io.vivace.problem.Problem;
import io.vivace.problem.ProblemException;
import java.util.Map;

/** The RFC 6750 answers of a protected route, with their {@code WWW-Authenticate} challenges. */
public final class BearerProblems {
  static final String WWW_AUTHENTICATE = "WWW-Authenticate";
  private static final Map<String, String> NO_TOKEN = Map.of(WWW_AUTHENTICATE, "Bearer");
  private static final Map<String, String> INVALID_TOKEN = Map.of(WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
  private static final Map<String, String> INSUFFICIENT_SCOPE = Map.of(WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
  private static final ProblemException MISSING = new ProblemException(
      Problem.of(401, "This resource needs a bearer token in the Authorization header."), NO_TOKEN);

  private static final ProblemException REVOKED = new ProblemException(
      Problem.of(401, "The token has been revoked."), INVALID_TOKEN);

  private BearerProblems() {
  }

  /** 401 for a request without a bearer token: a plain {@code Bearer} challenge (RFC 6750 section 3.1). */
  public static ProblemException missing() {
    return MISSING;
  }

  /** 401 with {@code error="invalid_token"} and {@code detail}. */
  public static ProblemException invalid(String detail) {
    return new ProblemException(Problem.of(401, detail), INVALID_TOKEN);
  }

  /** 401 with {@code error="invalid_token"} for a token whose {@code jti} is on the deny-list. */
  public static ProblemException revoked() {
    return REVOKED;
  }

  /** 403 with {@code error="insufficient_scope"}: the token is good, the user may not do this. */
  public static ProblemException forbidden(String detail) {
    return new ProblemException(Problem.of(403, detail), INSUFFICIENT_SCOPE);
  }
}
