package io.vivace.auth.module.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import io.vivace.auth.RolePermissions;
import io.vivace.auth.module.Role;
import io.vivace.cache.Redis;
import io.vivace.db.Database;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The role → permissions table ({@code vivace_auth.role_permissions}) held in memory: read at
 * start, again every {@code AUTH_PERMISSIONS_TTL} seconds, and at once after a change made through
 * this instance. With the app's shared Redis a change is also published on
 * {@code <prefix>permissions}, and every instance reads the table again when told (and after its
 * pub/sub connection came back); without it, other instances see a change within the TTL. A check
 * is a few hash lookups and never waits for the database. The superuser role grants everything.
 * Reads that finish out of order never replace a newer table with an older one. Thread-safe.
 */
final class Permissions implements RolePermissions {
  private static final Logger LOG = LoggerFactory.getLogger(Permissions.class);
  private volatile Map<String, Set<String>> byRole = Map.of();
  private volatile String superuser;
  private final Database db;
  private final Redis redis;
  private final String channel;
  /** This instance's name on the channel: its own messages are not read back. */
  private final String self = UUID.randomUUID().toString();
  private final AtomicLong reads = new AtomicLong();
  private long applied;

  Permissions(Database db, Redis redis, String prefix) {
    this.db = db;
    this.redis = redis;
    this.channel = prefix + "permissions";
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

  /** Listens for other instances' changes (Redis only; read again on {@code vertx}), then reads the table. */
  Future<Void> start(Vertx vertx) {
    if (redis != null) {
      redis.subscribe(channel, from -> {
        if (!self.equals(from)) {
          vertx.runOnContext(v -> reloadLogged());
        }
      }, () -> vertx.runOnContext(v -> reloadLogged()));
    }
    return reload();
  }

  private void reloadLogged() {
    reload().onFailure(e -> LOG.warn("Reading the role permissions failed; the last ones stay", e));
  }

  /** Reads the table again. */
  Future<Void> reload() {
    long read = reads.incrementAndGet();
    return db.list("SELECT role, permission FROM vivace_auth.role_permissions", Tuple.tuple(),
        r -> Map.entry(r.getString(0), r.getString(1))).map(rows -> {
          Map<String, Set<String>> fresh = new HashMap<>();
          rows.forEach(e -> fresh.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue()));
          Map<String, Set<String>> frozen = new HashMap<>();
          fresh.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
          apply(read, Map.copyOf(frozen));
          return null;
        });
  }

  private synchronized void apply(long read, Map<String, Set<String>> table) {
    if (read > applied) { // a read started earlier may finish later: it is older
      applied = read;
      byRole = table;
    }
  }

  /** Grants {@code permission} to {@code role}; true when it was not granted yet. Read again here, told to the others. */
  Future<Boolean> grant(String role, String permission) {
    return db.execute("INSERT INTO vivace_auth.role_permissions (role, permission) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        Tuple.of(role, permission)).compose(n -> changed(n > 0));
  }

  /** Takes {@code permission} from {@code role}; true when the role held it. Read again here, told to the others. */
  Future<Boolean> revoke(String role, String permission) {
    return db.execute("DELETE FROM vivace_auth.role_permissions WHERE role = $1 AND permission = $2",
        Tuple.of(role, permission)).compose(n -> changed(n > 0));
  }

  private Future<Boolean> changed(boolean changed) {
    if (!changed) {
      return Future.succeededFuture(false);
    }
    return reload().compose(x -> publish()).map(true);
  }

  /** Tells the other instances to read the table again; a Redis failure is logged (they read it within the TTL). */
  private Future<Void> publish() {
    CompletableFuture<Long> sent = redis == null ? null : redis.publish(channel, self);
    if (sent == null) {
      return Future.succeededFuture();
    }
    return Future.fromCompletionStage(sent).<Void>mapEmpty().recover(e -> {
      LOG.warn("Publishing a permission change on Redis failed: {}; other instances see it within AUTH_PERMISSIONS_TTL", e.toString());
      return Future.succeededFuture();
    });
  }

  /** Every role that grants a permission, and the superuser role, with their permissions (from the database). */
  Future<List<Role>> roles() {
    String su = superuser;
    return db.list("SELECT r.role, coalesce(array_agg(p.permission ORDER BY p.permission) FILTER (WHERE p.permission IS NOT NULL), '{}')"
        + " FROM (SELECT role FROM vivace_auth.role_permissions UNION SELECT $1::text) r"
        + " LEFT JOIN vivace_auth.role_permissions p ON p.role = r.role GROUP BY r.role ORDER BY r.role",
        Tuple.of(su), r -> new Role(r.getString(0), List.of(r.getArrayOfStrings(1)), r.getString(0).equals(su)));
  }

  /** The role {@code name} with its permissions, after a change (from the database). */
  Future<Role> role(String name) {
    return db.list("SELECT permission FROM vivace_auth.role_permissions WHERE role = $1 ORDER BY permission",
        Tuple.of(name), r -> r.getString(0)).map(ps -> new Role(name, ps, name.equals(superuser)));
  }
}
