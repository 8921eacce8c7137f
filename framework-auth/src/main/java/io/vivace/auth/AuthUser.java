package io.vivace.auth;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The user a verified access token speaks for: {@code id} is the token's {@code sub} claim,
 * {@code roles} its {@code roles} claim (a JSON array of strings; empty when absent), {@code claims}
 * every claim of the payload as JSON-shaped Java values (String, Number, Boolean, List, Map), and
 * {@code expiresAt} its {@code exp} claim in epoch seconds. Immutable and thread-safe; never null
 * members.
 */
public record AuthUser(String id, Set<String> roles, Map<String, Object> claims, long expiresAt) {

  public AuthUser {
    Objects.requireNonNull(id, "id");
    roles = Set.copyOf(roles);
    claims = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(claims));
  }

  /** Whether the token grants {@code role}. */
  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  /** The token's {@code jti} claim (its id, RFC 7519 section 4.1.7), or null when it has none. */
  public String jti() {
    return claims.get("jti") instanceof String s ? s : null;
  }

  /** {@link #id()} as a number, for apps whose subjects are numeric ids. */
  public long longId() {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("the token subject is not a number: '" + id + "'", e);
    }
  }
}
