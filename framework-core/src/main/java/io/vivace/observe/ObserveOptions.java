package io.vivace.observe;

import io.vivace.config.Config;
import io.vivace.config.Setting;
import java.util.List;
import java.util.Locale;

/**
 * Options of the server-level stages every request passes, 404s included: the request id, the
 * access log, the client address behind trusted proxies and tracing; and the two logging settings
 * read when logging starts. Every field has a documented {@code DEFAULT_*} and is declared once as a
 * {@link Setting} (all in {@link #SETTINGS}). A stage that is off costs nothing per request. Not
 * thread-safe: configure, then start.
 */
public final class ObserveOptions {
  /** The access log's line format. */
  public enum AccessLog {
    /** No access log (no per-request cost). */
    OFF,
    /** Common Log Format plus the route template, the duration in µs and the request id. */
    COMMON,
    /** One JSON object per line. */
    JSON
  }

  /** The format of the application's log lines. */
  public enum LogFormat {
    /** Readable text, one line per event. */
    TEXT,
    /** One JSON object per line (Logback's {@code JsonEncoder}). */
    JSON
  }

  /** Accept or generate an {@code X-Request-Id} for every request: {@value}. Environment {@code VIVACE_REQUEST_ID}. */
  public static final boolean DEFAULT_REQUEST_ID = true;
  /** The access log: {@code OFF}. Environment {@code VIVACE_ACCESS_LOG}. */
  public static final AccessLog DEFAULT_ACCESS_LOG = AccessLog.OFF;
  /** Proxies whose {@code Forwarded}/{@code X-Forwarded-For} are believed: none. Environment {@code VIVACE_TRUSTED_PROXIES}. */
  public static final List<String> DEFAULT_TRUSTED_PROXIES = List.of();
  /** Log line format: {@code TEXT}. Environment {@code VIVACE_LOG_FORMAT}. */
  public static final LogFormat DEFAULT_LOG_FORMAT = LogFormat.TEXT;
  /** Level of the root logger: {@value}. Environment {@code VIVACE_LOG_LEVEL}. */
  public static final String DEFAULT_LOG_LEVEL = "info";
  /** OpenTelemetry tracing (framework-tracing): {@value}. Environment {@code VIVACE_TRACING}. */
  public static final boolean DEFAULT_TRACING = false;

  private static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");

  /** {@code VIVACE_REQUEST_ID}. */
  public static final Setting<Boolean> REQUEST_ID = Setting.bool("VIVACE_REQUEST_ID", "requestId", DEFAULT_REQUEST_ID,
      "accept a valid incoming `X-Request-Id` (1 to 128 of `A-Z a-z 0-9 - _ . : + = / @ ~`) or generate one, echo it, put it in log lines and problems as `request_id`");
  /** {@code VIVACE_ACCESS_LOG}. */
  public static final Setting<AccessLog> ACCESS_LOG = Setting.of("VIVACE_ACCESS_LOG", "accessLog", DEFAULT_ACCESS_LOG,
      "off, common or json", raw -> AccessLog.valueOf(raw.toUpperCase(Locale.ROOT)), v -> v != null,
      "one line per request on standard output (logger `io.vivace.access`, asynchronous): `off`, `common` (Common Log Format plus route, µs, request id) or `json`")
      .defaultShownAs("off");
  /** {@code VIVACE_TRUSTED_PROXIES}: comma-separated CIDRs or addresses, IPv4 or IPv6. */
  public static final Setting<List<String>> TRUSTED_PROXIES = Setting.of("VIVACE_TRUSTED_PROXIES", "trustedProxies",
      DEFAULT_TRUSTED_PROXIES, "comma-separated IPv4/IPv6 addresses or CIDRs (10.0.0.0/8, ::1/128)",
      ObserveOptions::splitList, v -> v != null && io.vivace.observe.impl.Cidrs.valid(v),
      "peers (CIDRs, IPv4 and IPv6) whose `Forwarded` (RFC 7239) and `X-Forwarded-For` headers name the client; empty: the peer is the client")
      .defaultShownAs("none");
  /** {@code VIVACE_LOG_FORMAT}. */
  public static final Setting<LogFormat> LOG_FORMAT = Setting.of("VIVACE_LOG_FORMAT", "logFormat", DEFAULT_LOG_FORMAT,
      "text or json", raw -> LogFormat.valueOf(raw.toUpperCase(Locale.ROOT)), v -> v != null,
      "log lines as readable `text` or `json` lines (read when logging starts, with Logback and no logback.xml of the app's)")
      .defaultShownAs("text");
  /** {@code VIVACE_LOG_LEVEL}. */
  public static final Setting<String> LOG_LEVEL = Setting.of("VIVACE_LOG_LEVEL", "logLevel", DEFAULT_LOG_LEVEL,
      "one of " + LEVELS, raw -> raw.toLowerCase(Locale.ROOT), LEVELS::contains,
      "level of the root logger: trace, debug, info, warn, error or off");

  /** {@code VIVACE_TRACING}. */
  public static final Setting<Boolean> TRACING = Setting.bool("VIVACE_TRACING", "tracing", DEFAULT_TRACING,
      "OpenTelemetry traces (needs `io.vivace:vivace-tracing` on the class path; exporter, sampler and resource from the standard `OTEL_*` variables); false: no tracer, no per-request work");

  /** Every setting of these options, in the order docs/configuration.md lists them. */
  public static final List<Setting<?>> SETTINGS = List.of(REQUEST_ID, ACCESS_LOG, TRUSTED_PROXIES, LOG_FORMAT, LOG_LEVEL,
      TRACING);

  private boolean requestId = DEFAULT_REQUEST_ID;
  private AccessLog accessLog = DEFAULT_ACCESS_LOG;
  private List<String> trustedProxies = DEFAULT_TRUSTED_PROXIES;
  private LogFormat logFormat = DEFAULT_LOG_FORMAT;
  private String logLevel = DEFAULT_LOG_LEVEL;
  private boolean tracing = DEFAULT_TRACING;

  /**
   * Options read through {@code config}, defaults for what is unset.
   *
   * @throws io.vivace.config.ConfigException naming the first invalid setting
   */
  public static ObserveOptions from(Config config) {
    ObserveOptions o = new ObserveOptions();
    o.requestId = REQUEST_ID.read(config);
    o.accessLog = ACCESS_LOG.read(config);
    o.trustedProxies = TRUSTED_PROXIES.read(config);
    o.logFormat = LOG_FORMAT.read(config);
    o.logLevel = LOG_LEVEL.read(config);
    o.tracing = TRACING.read(config);
    return o;
  }

  /** Whether every request gets an {@code X-Request-Id}. */
  public boolean requestId() { return requestId; }

  public ObserveOptions requestId(boolean on) {
    this.requestId = on;
    return this;
  }

  public AccessLog accessLog() { return accessLog; }

  /** @param format not null; {@link AccessLog#OFF} turns the access log off */
  public ObserveOptions accessLog(AccessLog format) {
    this.accessLog = ACCESS_LOG.check(format);
    return this;
  }

  /** The trusted proxies as given (addresses or CIDRs); empty when none. */
  public List<String> trustedProxies() { return trustedProxies; }

  /**
   * @param cidrs addresses or CIDRs, IPv4 or IPv6
   * @throws IllegalArgumentException naming the setting when one is not an address or CIDR
   */
  public ObserveOptions trustedProxies(String... cidrs) {
    this.trustedProxies = TRUSTED_PROXIES.check(List.of(cidrs));
    return this;
  }

  public LogFormat logFormat() { return logFormat; }

  /** Whether the app traces its requests (OpenTelemetry, through framework-tracing). */
  public boolean tracing() { return tracing; }

  /**
   * Turns OpenTelemetry tracing on or off; on needs framework-tracing ({@code io.vivace:vivace-tracing})
   * on the class path, else the start fails naming {@code VIVACE_TRACING}.
   */
  public ObserveOptions tracing(boolean on) {
    this.tracing = on;
    return this;
  }

  public String logLevel() { return logLevel; }

  private static List<String> splitList(String raw) {
    List<String> out = new java.util.ArrayList<>();
    for (String part : raw.split(",")) {
      String p = part.trim();
      if (!p.isEmpty()) {
        out.add(p);
      }
    }
    return List.copyOf(out);
  }
}
