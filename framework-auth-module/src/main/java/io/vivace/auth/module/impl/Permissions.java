package io.vivace.auth.module.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import io.vivace.auth.RolePermissions;
import io.vivace.db.Database;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The role → permissions table ({@code vivace_auth.role_permissions}) held in memory: read at
 * start, again every {@code AUTH_PERMISSIONS_TTL} seconds, and at once after a change made through
 * this instance (other instances see it within the TTL). A check is a few hash lookups and never
 * waits for the database. The superuser role grants everything. Thread-safe.
 */
final class Permissions implements RolePermissions {
  private volatile Map<String, Set<String>> byRole = Map.of();
  private volatile String superuser;
  private final Database db;

  Permissions(Database db) {
    this.db = db;
  }

  void superuser(String role) {
    this.superuser = role;
  }

  @Override
  public boolean grants(Set<String> roles, String permission) {
    if (roles.isEmpty()) {
      return false;
    }
    String su = superuser;
    Map<String, Set<String>> table = byRole;
    for (String role : roles) {
      if (role.equals(su)) {
        return true;
      }
      Set<String> granted = table.get(role);
      if (granted != null && granted.contains(permission)) {
        return true;
      }
    }
    return false;
  }

  /** Reads the table again. */
  Future<Void> reload() {
    return db.list("SELECT role, permission FROM vivace_auth.role_permissions", Tuple.tuple(),
        r -> Map.entry(r.getString(0), r.getString(1))).map(rows -> {
          Map<String, Set<String>> fresh = new HashMap<>();
          rows.forEach(e -> fresh.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue()));
          Map<String, Set<String>> frozen = new HashMap<>();
          fresh.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
          byRole = Map.copyOf(frozen);
          return null;
        });
  }

  Future<Void> grant(String role, String permission) {
    return db.execute("INSERT INTO vivace_auth.role_permissions (role, permission) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        Tuple.of(role, permission)).compose(n -> reload());
  }

  Future<Void> revoke(String role, String permission) {
    return db.execute("DELETE FROM vivace_auth.role_permissions WHERE role = $1 AND permission = $2",
        Tuple.of(role, permission)).compose(n -> reload());
  }
}
