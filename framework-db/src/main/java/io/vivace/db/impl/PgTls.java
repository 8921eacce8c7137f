package io.vivace.db.impl;

import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vivace.db.DatabaseUrl;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.KeyStoreException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS part of the client's connect options, from a {@link DatabaseUrl}'s {@code sslmode} and
 * {@code sslrootcert} with libpq's meanings (see {@link DatabaseUrl}). Called once per pool, at start.
 */
final class PgTls {
  private PgTls() {
  }

  /** Sets the SSL mode and options of {@code o} for {@code url}; returns {@code o}. */
  static PgConnectOptions apply(DatabaseUrl url, PgConnectOptions o) {
    String mode = url.sslMode();
    // libpq: require with a root certificate checks the chain, as verify-ca does
    if (mode.equals("require") && url.sslRootCert() != null) {
      mode = "verify-ca";
    }
    o.setSslMode(SslMode.of(mode));
    if (mode.equals("disable")) {
      return o;
    }
    ClientSSLOptions ssl = new ClientSSLOptions();
    if (mode.startsWith("verify-")) {
      ssl.setTrustOptions(url.sslRootCert() != null
          ? new PemTrustOptions().addCertPath(url.sslRootCert()) : TrustOptions.wrap(jvmTrust()));
      ssl.setHostnameVerificationAlgorithm(mode.equals("verify-full") ? "HTTPS" : "");
    } else {
      ssl.setTrustAll(true).setHostnameVerificationAlgorithm("");
    }
    return o.setSslOptions(ssl);
  }

  private static TrustManagerFactory jvmTrust() {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init((KeyStore) null);
      return tmf;
    } catch (NoSuchAlgorithmException | KeyStoreException e) {
      throw new IllegalStateException("the JVM's default trust store cannot be loaded: " + e.getMessage(), e);
    }
  }
}
