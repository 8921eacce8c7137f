package io.vivace.auth.module;

import io.vivace.config.Config;
import io.vivace.config.Setting;
import java.util.List;

/**
 * Options of the accounts module's opt-in parts: permissions and their admin routes, TOTP, password
 * reset and e-mail verification, audit. Every field has a documented {@code DEFAULT_*} and one {@link Setting}
 * (all in {@link #SETTINGS}); {@link #fromEnvironment(Config)} reads them, the setters check
 * through the same declarations. Durations in seconds. Not thread-safe while being set; the module
 * takes a copy of what it needs at start.
 */
public final class AccountOptions {
  /** How long the role → permissions table is kept in memory before it is read again: {@value} s. Environment {@code AUTH_PERMISSIONS_TTL}. */
  public static final long DEFAULT_PERMISSIONS_TTL = 60;
  /** The role that holds every permission: {@value}. Environment {@code AUTH_SUPERUSER_ROLE}. */
  public static final String DEFAULT_SUPERUSER_ROLE = "superuser";
  /** The permission admin routes: {@value} (off). Environment {@code AUTH_PERMISSION_ROUTES}. */
  public static final boolean DEFAULT_PERMISSION_ROUTES = false;

  /** The issuer named in TOTP key URIs (what authenticator apps show): {@value}. Environment {@code AUTH_TOTP_ISSUER}. */
  public static final String DEFAULT_TOTP_ISSUER = "Vivace";
  /** The audit trail: {@value} (off). Environment {@code AUTH_AUDIT}. */
  public static final boolean DEFAULT_AUDIT = false;
  /** Days audit events are kept: {@value}. Environment {@code AUTH_AUDIT_RETENTION}. */
  public static final long DEFAULT_AUDIT_RETENTION = 90;
  /** How long a password-reset token is good: {@value} s (one hour). Environment {@code AUTH_RESET_TTL}. */
  public static final long DEFAULT_RESET_TTL = 3600;
  /** How long an e-mail verification token is good: {@value} s (one day). Environment {@code AUTH_VERIFY_TTL}. */
  public static final long DEFAULT_VERIFY_TTL = 86_400;
  /** Whether login needs a verified e-mail address: {@value}. Environment {@code AUTH_REQUIRE_VERIFIED}. */
  public static final boolean DEFAULT_REQUIRE_VERIFIED = false;
  /** Where mail goes: {@value} (password reset and verification off). Environment {@code AUTH_MAIL}. */
  public static final String DEFAULT_MAIL = "none";
  /** The sender address of the module's mail: {@value}. Environment {@code AUTH_MAIL_FROM}. */
  public static final String DEFAULT_MAIL_FROM = "no-reply@localhost";
  /** The SMTP port: {@value} (submission). Environment {@code AUTH_SMTP_PORT}. */
  public static final int DEFAULT_SMTP_PORT = 587;
  /** Whether SMTP must upgrade with STARTTLS: {@value}. Environment {@code AUTH_SMTP_STARTTLS}. */
  public static final boolean DEFAULT_SMTP_STARTTLS = true;

  /** {@code AUTH_PERMISSIONS_TTL}. */
  public static final Setting<Long> PERMISSIONS_TTL = Setting.longValue("AUTH_PERMISSIONS_TTL", "permissionsTtl",
      DEFAULT_PERMISSIONS_TTL, 1, 86_400, "seconds the role → permissions table is cached before it is read again"
      + " (a change through the module reloads it at once, on every instance sharing Redis)");
  /** {@code AUTH_SUPERUSER_ROLE}. */
  public static final Setting<String> SUPERUSER_ROLE = Setting.string("AUTH_SUPERUSER_ROLE", "superuserRole",
      DEFAULT_SUPERUSER_ROLE, "the role that passes every permission check");
  /** {@code AUTH_PERMISSION_ROUTES}. */
  public static final Setting<Boolean> PERMISSION_ROUTES = Setting.bool("AUTH_PERMISSION_ROUTES", "permissionRoutes",
      DEFAULT_PERMISSION_ROUTES, "serve the permission admin routes (roles, grant, revoke) to holders of auth:admin or the superuser role");

  /** {@code AUTH_TOTP_ISSUER}. */
  public static final Setting<String> TOTP_ISSUER = Setting.string("AUTH_TOTP_ISSUER", "totpIssuer", DEFAULT_TOTP_ISSUER,
      "the issuer named in TOTP key URIs (otpauth://), shown by authenticator apps");
  /** {@code AUTH_AUDIT}. */
  public static final Setting<Boolean> AUDIT = Setting.bool("AUTH_AUDIT", "audit", DEFAULT_AUDIT,
      "store login, refresh, logout, revocation, TOTP, reset and verification events");
  /** {@code AUTH_AUDIT_RETENTION}. */
  public static final Setting<Long> AUDIT_RETENTION = Setting.longValue("AUTH_AUDIT_RETENTION", "auditRetention",
      DEFAULT_AUDIT_RETENTION, 1, 3650, "days audit events are kept (older ones are deleted hourly)");
  /** {@code AUTH_RESET_TTL}. */
  public static final Setting<Long> RESET_TTL = Setting.longValue("AUTH_RESET_TTL", "resetTtl", DEFAULT_RESET_TTL,
      60, 86_400, "seconds a password-reset token is good");
  /** {@code AUTH_VERIFY_TTL}. */
  public static final Setting<Long> VERIFY_TTL = Setting.longValue("AUTH_VERIFY_TTL", "verifyTtl", DEFAULT_VERIFY_TTL,
      60, 30L * 86_400, "seconds an e-mail verification token is good");
  /** {@code AUTH_REQUIRE_VERIFIED}. */
  public static final Setting<Boolean> REQUIRE_VERIFIED = Setting.bool("AUTH_REQUIRE_VERIFIED", "requireVerified",
      DEFAULT_REQUIRE_VERIFIED, "login needs a verified e-mail address (needs AUTH_MAIL)");
  /** {@code AUTH_MAIL}. */
  public static final Setting<String> MAIL = Setting.of("AUTH_MAIL", "mail", DEFAULT_MAIL, "none, log or smtp",
      raw -> raw.trim().toLowerCase(java.util.Locale.ROOT), v -> List.of("none", "log", "smtp").contains(v),
      "where reset and verification mail goes: none (those routes off), log (development), smtp");
  /** {@code AUTH_MAIL_FROM}. */
  public static final Setting<String> MAIL_FROM = Setting.string("AUTH_MAIL_FROM", "mailFrom", DEFAULT_MAIL_FROM,
      "the From address of the module's mail");
  /** {@code AUTH_MAIL_LINK}. */
  public static final Setting<String> MAIL_LINK = Setting.string("AUTH_MAIL_LINK", "mailLink", null,
      "the app's page that takes the token, e.g. https://app.example.com/account (mail links add ?reset= or ?verify=)");
  /** {@code AUTH_SMTP_HOST}. */
  public static final Setting<String> SMTP_HOST = Setting.string("AUTH_SMTP_HOST", "smtpHost", null,
      "SMTP server host (required with AUTH_MAIL=smtp)");
  /** {@code AUTH_SMTP_PORT}. */
  public static final Setting<Integer> SMTP_PORT = Setting.integer("AUTH_SMTP_PORT", "smtpPort", DEFAULT_SMTP_PORT,
      1, 65_535, "SMTP server port");
  /** {@code AUTH_SMTP_USER}. */
  public static final Setting<String> SMTP_USER = Setting.string("AUTH_SMTP_USER", "smtpUser", null,
      "SMTP user name (unset: no authentication)");
  /** {@code AUTH_SMTP_PASSWORD}: never shown in messages. */
  public static final Setting<String> SMTP_PASSWORD = Setting.string("AUTH_SMTP_PASSWORD", "smtpPassword", null,
      "SMTP password").secret();
  /** {@code AUTH_SMTP_STARTTLS}. */
  public static final Setting<Boolean> SMTP_STARTTLS = Setting.bool("AUTH_SMTP_STARTTLS", "smtpStartTls",
      DEFAULT_SMTP_STARTTLS, "require STARTTLS before authenticating and sending (RFC 3207)");
  /** {@code AUTH_SMTP_CA}. */
  public static final Setting<String> SMTP_CA = Setting.string("AUTH_SMTP_CA", "smtpCa", null,
      "PEM file of the certificate authorities the SMTP server's certificate must chain to (unset: the JVM's trust store)");

  /** Every setting of these options, in the order docs/configuration.md lists them. */
  public static final List<Setting<?>> SETTINGS = List.of(PERMISSIONS_TTL, SUPERUSER_ROLE, PERMISSION_ROUTES,
      TOTP_ISSUER, AUDIT, AUDIT_RETENTION, RESET_TTL, VERIFY_TTL, REQUIRE_VERIFIED, MAIL, MAIL_FROM, MAIL_LINK,
      SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASSWORD, SMTP_STARTTLS, SMTP_CA);

  private long permissionsTtl = DEFAULT_PERMISSIONS_TTL;
  private String superuserRole = DEFAULT_SUPERUSER_ROLE;
  private boolean permissionRoutes = DEFAULT_PERMISSION_ROUTES;
  private String totpIssuer = DEFAULT_TOTP_ISSUER;
  private boolean audit = DEFAULT_AUDIT;
  private long auditRetention = DEFAULT_AUDIT_RETENTION;
  private long resetTtl = DEFAULT_RESET_TTL;
  private long verifyTtl = DEFAULT_VERIFY_TTL;
  private boolean requireVerified = DEFAULT_REQUIRE_VERIFIED;
  private String mail = DEFAULT_MAIL;
  private String mailFrom = DEFAULT_MAIL_FROM;
  private String mailLink;
  private String smtpHost;
  private int smtpPort = DEFAULT_SMTP_PORT;
  private String smtpUser;
  private String smtpPassword;
  private boolean smtpStartTls = DEFAULT_SMTP_STARTTLS;
  private String smtpCa;

  /** Options from the environment and system properties. @throws io.vivace.config.ConfigException naming a bad setting */
  public static AccountOptions fromEnvironment(Config config) {
    AccountOptions o = new AccountOptions();
    o.permissionsTtl = PERMISSIONS_TTL.read(config);
    o.superuserRole = SUPERUSER_ROLE.read(config);
    o.permissionRoutes = PERMISSION_ROUTES.read(config);
    o.totpIssuer = TOTP_ISSUER.read(config);
    o.audit = AUDIT.read(config);
    o.auditRetention = AUDIT_RETENTION.read(config);
    o.resetTtl = RESET_TTL.read(config);
    o.verifyTtl = VERIFY_TTL.read(config);
    o.requireVerified = REQUIRE_VERIFIED.read(config);
    o.mail = MAIL.read(config);
    o.mailFrom = MAIL_FROM.read(config);
    o.mailLink = MAIL_LINK.read(config);
    o.smtpHost = SMTP_HOST.read(config);
    o.smtpPort = SMTP_PORT.read(config);
    o.smtpUser = SMTP_USER.read(config);
    o.smtpPassword = SMTP_PASSWORD.read(config);
    o.smtpStartTls = SMTP_STARTTLS.read(config);
    o.smtpCa = SMTP_CA.read(config);
    return o.validate();
  }

  /**
   * Checks the combinations: {@code AUTH_MAIL=smtp} needs {@code AUTH_SMTP_HOST};
   * {@code AUTH_REQUIRE_VERIFIED} needs mail.
   *
   * @throws io.vivace.config.ConfigException naming the setting
   */
  public AccountOptions validate() {
    if ("smtp".equals(mail) && smtpHost == null) {
      throw new io.vivace.config.ConfigException("AUTH_SMTP_HOST is not set: AUTH_MAIL=smtp needs the SMTP server's host");
    }
    if (requireVerified && "none".equals(mail)) {
      throw new io.vivace.config.ConfigException("AUTH_REQUIRE_VERIFIED needs AUTH_MAIL (log or smtp) to send verification mail");
    }
    return this;
  }

  /** The TOTP issuer name. */
  public String totpIssuer() { return totpIssuer; }

  public AccountOptions totpIssuer(String issuer) {
    this.totpIssuer = TOTP_ISSUER.check(issuer);
    return this;
  }

  /** Whether the audit trail is on. */
  public boolean audit() { return audit; }

  /** Days audit events are kept. */
  public long auditRetention() { return auditRetention; }

  /** Turns the audit trail on or off, keeping events {@code retentionDays}. */
  public AccountOptions audit(boolean on, long retentionDays) {
    this.audit = on;
    this.auditRetention = AUDIT_RETENTION.check(retentionDays);
    return this;
  }

  /** Seconds a reset token is good. */
  public long resetTtl() { return resetTtl; }

  /** Seconds a verification token is good. */
  public long verifyTtl() { return verifyTtl; }

  /** Token lifetimes, seconds: password reset, e-mail verification. */
  public AccountOptions tokenTtls(long resetSeconds, long verifySeconds) {
    this.resetTtl = RESET_TTL.check(resetSeconds);
    this.verifyTtl = VERIFY_TTL.check(verifySeconds);
    return this;
  }

  /** Whether login needs a verified address. */
  public boolean requireVerified() { return requireVerified; }

  public AccountOptions requireVerified(boolean on) {
    this.requireVerified = on;
    return this;
  }

  /** {@code none}, {@code log} or {@code smtp}. */
  public String mail() { return mail; }

  /** The From address. */
  public String mailFrom() { return mailFrom; }

  /** The page mail links point to, or null (then the mail carries the token alone). */
  public String mailLink() { return mailLink; }

  /** Mail written to the log (development): {@code from}, links to {@code link} (may be null). */
  public AccountOptions logMail(String from, String link) {
    this.mail = "log";
    this.mailFrom = MAIL_FROM.check(from);
    this.mailLink = link;
    return this;
  }

  /** Mail over SMTP to {@code host:port}, STARTTLS required or not, with {@code user}/{@code password} (null: no AUTH). */
  public AccountOptions smtp(String host, int port, boolean startTls, String user, String password, String from, String link) {
    this.mail = "smtp";
    this.smtpHost = SMTP_HOST.check(host);
    this.smtpPort = SMTP_PORT.check(port);
    this.smtpStartTls = startTls;
    this.smtpUser = user;
    this.smtpPassword = password;
    this.mailFrom = MAIL_FROM.check(from);
    this.mailLink = link;
    return this;
  }

  public String smtpHost() { return smtpHost; }

  public int smtpPort() { return smtpPort; }

  public String smtpUser() { return smtpUser; }

  public String smtpPassword() { return smtpPassword; }

  public boolean smtpStartTls() { return smtpStartTls; }

  /** The PEM file of the authorities trusted for the SMTP server's certificate, or null (the JVM's trust store). */
  public String smtpCa() { return smtpCa; }

  /**
   * Trusts the certificate authorities in the PEM file {@code path} (null: the JVM's trust store)
   * for the SMTP server's certificate; read when the sender is made.
   */
  public AccountOptions smtpCa(String path) {
    this.smtpCa = path;
    return this;
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

  /** Whether the permission admin routes answer (else 404). */
  public boolean permissionRoutes() { return permissionRoutes; }

  /** Turns the permission admin routes on or off. */
  public AccountOptions permissionRoutes(boolean on) {
    this.permissionRoutes = on;
    return this;
  }
}
