package io.vivace.auth.module.impl;

import io.vivace.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The SMTP sender's trust: a socket factory that trusts the authorities of a PEM file
 * ({@code AUTH_SMTP_CA}) and nothing else (PKIX path validation, the JDK's own), and the TLS failure
 * inside a transport's exception. Read once, when the sender is made.
 */
final class SmtpTrust {
  private SmtpTrust() {
  }

  /**
   * A TLS socket factory whose trust store holds the certificates of the PEM file {@code pemPath}.
   *
   * @throws ConfigException naming {@code AUTH_SMTP_CA} when the file cannot be read or holds no certificate
   */
  static SSLSocketFactory socketFactory(String pemPath) {
    Collection<? extends Certificate> authorities;
    try (InputStream in = Files.newInputStream(Path.of(pemPath))) {
      authorities = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new ConfigException("AUTH_SMTP_CA (" + pemPath + ") is not a readable PEM file of certificates: " + e.getMessage());
    }
    if (authorities.isEmpty()) {
      throw new ConfigException("AUTH_SMTP_CA (" + pemPath + ") holds no certificate");
    }
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : authorities) {
        store.setCertificateEntry("smtp-ca-" + i++, c);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, tmf.getTrustManagers(), null);
      return tls.getSocketFactory();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("The JDK cannot make a TLS context for AUTH_SMTP_CA: " + e.getMessage(), e);
    }
  }

  /** The TLS failure (a refused certificate, a failed handshake) in {@code e}'s causes, or null. */
  static SSLException tlsFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SSLException ssl) {
        return ssl;
      }
    }
    return null;
  }
}
