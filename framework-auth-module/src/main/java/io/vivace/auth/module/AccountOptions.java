package io.vivace.auth.module;

import io.vivace.config.Config;
import io.vivace.config.Setting;
import java.util.List;

/**
 * Options of the accounts module's opt-in parts: permissions, TOTP, password reset and e-mail
 * verification, audit. Every field has a documented {@code DEFAULT_*} and one {@link Setting}
 * (all in {@link #SETTINGS}); {@link #fromEnvironment(Config)} reads them, the setters check
 * through the same declarations. Durations in seconds. Not thread-safe while being set; the module
 * takes a copy of what it needs at start.
 */
public final class AccountOptions {
  /** How long the role → permissions table is kept in memory before it is read again: {@value} s. Environment {@code AUTH_PERMISSIONS_TTL}. */
  public static final long DEFAULT_PERMISSIONS_TTL = 60;
  /** The role that holds every permission: {@value}. Environment {@code AUTH_SUPERUSER_ROLE}. */
  public static final String DEFAULT_SUPERUSER_ROLE = "superuser";

  /** {@code AUTH_PERMISSIONS_TTL}. */
  public static final Setting<Long> PERMISSIONS_TTL = Setting.longValue("AUTH_PERMISSIONS_TTL", "permissionsTtl",
      DEFAULT_PERMISSIONS_TTL, 1, 86_400, "seconds the role → permissions table is cached before it is read again");
  /** {@code AUTH_SUPERUSER_ROLE}. */
  public static final Setting<String> SUPERUSER_ROLE = Setting.string("AUTH_SUPERUSER_ROLE", "superuserRole",
      DEFAULT_SUPERUSER_ROLE, "the role that passes every permission check");

  /** Every setting of these options, in the order docs/configuration.md lists them. */
  public static final List<Setting<?>> SETTINGS = List.of(PERMISSIONS_TTL, SUPERUSER_ROLE);

  private long permissionsTtl = DEFAULT_PERMISSIONS_TTL;
  private String superuserRole = DEFAULT_SUPERUSER_ROLE;

  /** Options from the environment and system properties. @throws io.vivace.config.ConfigException naming a bad setting */
  public static AccountOptions fromEnvironment(Config config) {
    AccountOptions o = new AccountOptions();
    o.permissionsTtl = PERMISSIONS_TTL.read(config);
    o.superuserRole = SUPERUSER_ROLE.read(config);
    return o;
  }

  /** Seconds the role → permissions table is cached. */
  public long permissionsTtl() { return permissionsTtl; }

  public AccountOptions permissionsTtl(long seconds) {
    this.permissionsTtl = PERMISSIONS_TTL.check(seconds);
    return this;
  }

  /** The role that passes every permission check. */
  public String superuserRole() { return superuserRole; }

  public AccountOptions superuserRole(String role) {
    this.superuserRole = SUPERUSER_ROLE.check(role);
    return this;
  }
}
