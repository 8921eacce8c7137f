package io.vivace.tls;

import io.vivace.config.Config;
import io.vivace.config.ConfigException;
import io.vivace.config.Setting;
import java.util.List;

/**
 * TLS on the app's port from PEM files: with a certificate chain ({@link #certPath()}) and its
 * private key ({@link #keyPath()}) every app port speaks TLS 1.3 and 1.2 only (RFC 8446, RFC 5246;
 * the cipher suites of Mozilla's "intermediate" configuration) and offers HTTP/2 and HTTP/1.1 by
 * ALPN (RFC 7301: {@code h2}, {@code http/1.1}). The files are read again every
 * {@link #reloadIntervalMs()} off the event loops; when their content changed and the pair is valid,
 * new connections get the new certificate without a restart (open ones keep theirs). With
 * {@link #redirectPort()} a second, plain-HTTP port answers every request with
 * {@code 308 Permanent Redirect} to the same path over HTTPS.
 *
 * <p>Off (both paths null) by default; on by {@code VIVACE_TLS_CERT} and {@code VIVACE_TLS_KEY} or in
 * code ({@code app.tls(options)}). Every field has a documented {@code DEFAULT_*} and one
 * {@link Setting} declaration (all in {@link #SETTINGS}). Files that cannot be read, do not parse,
 * or hold a key that does not match the certificate fail the start with a {@link ConfigException}
 * naming the setting (exit 2). Not thread-safe: configure, then start.
 */
public final class TlsOptions {
  /** The certificate chain's PEM file: none (TLS off). Environment {@code VIVACE_TLS_CERT}. */
  public static final String DEFAULT_CERT_PATH = null;
  /** The private key's PEM file (PKCS#8, PKCS#1 RSA or SEC 1 EC): none. Environment {@code VIVACE_TLS_KEY}. */
  public static final String DEFAULT_KEY_PATH = null;
  /** Milliseconds between checks of the files for a new certificate: {@value}; 0 never reloads. Environment {@code VIVACE_TLS_RELOAD_INTERVAL}. */
  public static final long DEFAULT_RELOAD_INTERVAL_MS = 10_000;
  /** Plain-HTTP port that redirects to HTTPS: {@value} (none). Environment {@code VIVACE_TLS_REDIRECT_PORT}. */
  public static final int DEFAULT_REDIRECT_PORT = 0;

  /** {@code VIVACE_TLS_CERT}. */
  public static final Setting<String> CERT = Setting.string("VIVACE_TLS_CERT", "certPath", DEFAULT_CERT_PATH,
      "PEM file of the server's certificate chain (leaf first); with `VIVACE_TLS_KEY` every app port speaks TLS 1.3/1.2 with ALPN `h2`, `http/1.1`");
  /** {@code VIVACE_TLS_KEY}. */
  public static final Setting<String> KEY = Setting.string("VIVACE_TLS_KEY", "keyPath", DEFAULT_KEY_PATH,
      "PEM file of the certificate's private key (PKCS#8, or PKCS#1 RSA / SEC 1 EC), unencrypted");
  /** {@code VIVACE_TLS_RELOAD_INTERVAL}. */
  public static final Setting<Long> RELOAD_INTERVAL = Setting.longValue("VIVACE_TLS_RELOAD_INTERVAL", "reloadIntervalMs",
      DEFAULT_RELOAD_INTERVAL_MS, 0, 86_400_000,
      "ms between checks of the TLS files; changed and valid, new connections get the new certificate; 0 never reloads");
  /** {@code VIVACE_TLS_REDIRECT_PORT}. */
  public static final Setting<Integer> REDIRECT_PORT = Setting.integer("VIVACE_TLS_REDIRECT_PORT", "redirectPort",
      DEFAULT_REDIRECT_PORT, 0, 65535, "plain-HTTP port answering `308` to the same URL over HTTPS (TLS on); 0: none");

  /** Every setting of these options, in the order docs/configuration.md lists them. */
  public static final List<Setting<?>> SETTINGS = List.of(CERT, KEY, RELOAD_INTERVAL, REDIRECT_PORT);

  private String certPath = DEFAULT_CERT_PATH;
  private String keyPath = DEFAULT_KEY_PATH;
  private long reloadIntervalMs = DEFAULT_RELOAD_INTERVAL_MS;
  private int redirectPort = DEFAULT_REDIRECT_PORT;

  /** Options read from system properties and the environment; defaults for what is unset. */
  public static TlsOptions fromEnvironment() {
    return from(Config.system());
  }

  /**
   * Options read through {@code config}; defaults for what is unset.
   *
   * @throws ConfigException naming the first invalid setting, or the one missing when only one
   *     of {@code VIVACE_TLS_CERT} and {@code VIVACE_TLS_KEY} is set
   */
  public static TlsOptions from(Config config) {
    TlsOptions o = new TlsOptions();
    o.certPath = CERT.read(config);
    o.keyPath = KEY.read(config);
    o.reloadIntervalMs = RELOAD_INTERVAL.read(config);
    o.redirectPort = REDIRECT_PORT.read(config);
    if ((o.certPath == null) != (o.keyPath == null)) {
      Setting<String> missing = o.certPath == null ? CERT : KEY;
      Setting<String> set = o.certPath == null ? KEY : CERT;
      throw new ConfigException(missing.env() + " (system property " + missing.property() + "): expected "
          + missing.expected() + " because " + set.env() + " is set, got nothing");
    }
    if (o.certPath == null && o.redirectPort != 0) {
      throw new ConfigException(REDIRECT_PORT.env() + " (system property " + REDIRECT_PORT.property()
          + "): expected 0 without TLS (VIVACE_TLS_CERT and VIVACE_TLS_KEY unset), got \"" + o.redirectPort + "\"");
    }
    return o;
  }

  /** Whether TLS is on: both files given. */
  public boolean enabled() { return certPath != null && keyPath != null; }

  /** The certificate chain's PEM file, or null. */
  public String certPath() { return certPath; }

  /** The private key's PEM file, or null. */
  public String keyPath() { return keyPath; }

  /**
   * Turns TLS on with these files.
   *
   * @param certPath PEM certificate chain, leaf first; not null
   * @param keyPath PEM private key of the leaf; not null
   */
  public TlsOptions files(String certPath, String keyPath) {
    this.certPath = CERT.check(certPath);
    this.keyPath = KEY.check(keyPath);
    return this;
  }

  /** Milliseconds between checks of the files; 0: never reloaded. */
  public long reloadIntervalMs() { return reloadIntervalMs; }

  /** @param ms 0 (never) to 86400000 */
  public TlsOptions reloadIntervalMs(long ms) {
    this.reloadIntervalMs = RELOAD_INTERVAL.check(ms);
    return this;
  }

  /** The plain-HTTP port that redirects to HTTPS; 0: none. */
  public int redirectPort() { return redirectPort; }

  /** @param port 1..65535 for a redirecting port, 0 for none */
  public TlsOptions redirectPort(int port) {
    this.redirectPort = REDIRECT_PORT.check(port);
    return this;
  }
}
