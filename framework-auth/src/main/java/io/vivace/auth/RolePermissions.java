package io.vivace.auth;

import java.util.Set;

/**
 * Which permissions the roles of a token grant, for {@link Auth#permission}. The accounts module
 * supplies one backed by its {@code role_permissions} table (kept in memory, read again after a
 * TTL), where a superuser role grants everything. {@link #grants} is called on the event loop for
 * every request to a route that needs a permission: an in-memory lookup, no I/O, thread-safe.
 */
@FunctionalInterface
public interface RolePermissions {
  /** Whether any of {@code roles} (never null, maybe empty) grants {@code permission}. */
  boolean grants(Set<String> roles, String permission);
}
