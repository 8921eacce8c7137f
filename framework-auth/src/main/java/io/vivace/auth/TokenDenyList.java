package io.vivace.auth;

/**
 * The revoked access tokens, by {@code jti} (RFC 7519 section 4.1.7), that {@link Jwt#verify}
 * refuses with 401 {@code invalid_token} ("The token has been revoked.") on every request,
 * including tokens found in the verified-token cache. Set with {@link Auth#denyList}; without one
 * nothing is checked and nothing is spent. The accounts module ({@code io.vivace.auth.module})
 * supplies one kept in Redis and mirrored in memory.
 *
 * <p>{@link #denied} is called on the event loop for every authenticated request: it must be an
 * in-memory lookup (no I/O, no blocking, no lock held long), thread-safe. Never passed null.
 */
@FunctionalInterface
public interface TokenDenyList {
  /** Whether the token with this {@code jti} was revoked (and has not expired yet). */
  boolean denied(String jti);
}
