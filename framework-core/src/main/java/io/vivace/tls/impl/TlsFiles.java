package io.vivace.tls.impl;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vivace.config.ConfigException;
import io.vivace.config.Setting;
import io.vivace.tls.TlsOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;

/**
 * One read of the TLS files: their bytes, checked (the chain parses as X.509, the key parses and
 * signs what the leaf's public key verifies), as the server's SSL options. Also the fixed part of
 * the server's TLS set-up: TLS 1.3 and 1.2 only, Mozilla's "intermediate" cipher suites (2023+,
 * version 5.7), ALPN {@code h2} then {@code http/1.1}, the JDK's engine. Blocking (reads files):
 * called at start and from the reloader's worker, never on an event loop.
 */
public final class TlsFiles {
  /** The protocol versions offered. */
  public static final Set<String> PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");
  /** Mozilla intermediate: the TLS 1.3 suites, then the TLS 1.2 ones, in order of preference. */
  public static final List<String> CIPHER_SUITES = List.of(
      "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private final byte[] cert;
  private final byte[] key;

  private TlsFiles(byte[] cert, byte[] key) {
    this.cert = cert;
    this.key = key;
  }

  /**
   * Reads and checks the files of {@code options} (TLS on).
   *
   * @throws ConfigException naming {@code VIVACE_TLS_CERT} or {@code VIVACE_TLS_KEY}: unreadable,
   *     not PEM, or a key that does not belong to the certificate
   */
  public static TlsFiles read(TlsOptions options) {
    return checked(options, bytes(TlsOptions.CERT, options.certPath()), bytes(TlsOptions.KEY, options.keyPath()));
  }

  /**
   * The files' bytes as they are now, unchecked: cheap, for comparing with {@link #sameAs}.
   *
   * @throws ConfigException naming the file that cannot be read
   */
  static TlsFiles raw(TlsOptions options) {
    return new TlsFiles(bytes(TlsOptions.CERT, options.certPath()), bytes(TlsOptions.KEY, options.keyPath()));
  }

  /** {@link #raw} bytes, checked as {@link #read} does. */
  static TlsFiles checked(TlsOptions options, TlsFiles raw) {
    return checked(options, raw.cert, raw.key);
  }

  private static TlsFiles checked(TlsOptions options, byte[] cert, byte[] key) {
    X509Certificate leaf;
    try {
      leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(cert));
    } catch (Exception e) {
      throw invalid(TlsOptions.CERT, options.certPath(), "no PEM X.509 certificate in it");
    }
    TlsFiles files = new TlsFiles(cert, key);
    PrivateKey privateKey;
    try {
      // Values only, no paths: Vert.x needs no Vertx instance to read them.
      KeyManagerFactory kmf = files.keyCert().getKeyManagerFactory(null);
      X509KeyManager km = (X509KeyManager) kmf.getKeyManagers()[0];
      privateKey = km.getPrivateKey(km.getServerAliases(leaf.getPublicKey().getAlgorithm(), null)[0]);
    } catch (Exception e) {
      throw invalid(TlsOptions.KEY, options.keyPath(), "no unencrypted PEM private key in it");
    }
    if (!matches(privateKey, leaf.getPublicKey())) {
      throw invalid(TlsOptions.KEY, options.keyPath(), "the key does not belong to the certificate of "
          + TlsOptions.CERT.env());
    }
    return files;
  }

  /** Whether the files still hold what this read found. */
  public boolean sameAs(TlsFiles other) {
    return Arrays.equals(cert, other.cert) && Arrays.equals(key, other.key);
  }

  /** The SSL options of a server with these files (a new instance per call). */
  public ServerSSLOptions sslOptions() {
    ServerSSLOptions ssl = new ServerSSLOptions().setKeyCertOptions(keyCert())
        .setEnabledSecureTransportProtocols(PROTOCOLS).setUseAlpn(true)
        .setApplicationLayerProtocols(List.of(HttpVersion.HTTP_2.alpnName(), HttpVersion.HTTP_1_1.alpnName()));
    CIPHER_SUITES.forEach(ssl::addEnabledCipherSuite);
    return ssl;
  }

  /** Turns TLS on in {@code server} with these files. */
  public void configure(HttpServerOptions server) {
    server.setSsl(true).setUseAlpn(true).setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
        .setSslEngineOptions(new JdkSSLEngineOptions())
        .setKeyCertOptions(keyCert()).setEnabledSecureTransportProtocols(PROTOCOLS);
    CIPHER_SUITES.forEach(server::addEnabledCipherSuite);
  }

  private PemKeyCertOptions keyCert() {
    return new PemKeyCertOptions().setCertValue(Buffer.buffer(cert)).setKeyValue(Buffer.buffer(key));
  }

  private static boolean matches(PrivateKey key, PublicKey pub) {
    String alg = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> null;
    };
    if (alg == null) {
      return true; // an algorithm without a known signature: left to the handshake
    }
    try {
      byte[] probe = "vivace tls key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(alg);
      signer.initSign(key);
      signer.update(probe);
      byte[] sig = signer.sign();
      Signature verifier = Signature.getInstance(alg);
      verifier.initVerify(pub);
      verifier.update(probe);
      return verifier.verify(sig);
    } catch (Exception e) {
      return false;
    }
  }

  private static byte[] bytes(Setting<String> setting, String path) {
    try {
      return Files.readAllBytes(Path.of(path));
    } catch (IOException | RuntimeException e) {
      throw invalid(setting, path, "cannot read it (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static ConfigException invalid(Setting<String> setting, String path, String why) {
    return new ConfigException(setting.env() + " (system property " + setting.property() + "): " + why + ": \""
        + path + "\"");
  }
}
