package io.vivace.cache.impl;

import io.lettuce.core.SslOptions;
import java.io.File;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * TLS to Redis from a {@code rediss://} URL. Lettuce reads the scheme and its {@code verifyPeer}
 * parameter ({@code FULL}, the default: chain and host name; {@code CA}: chain only; {@code NONE});
 * this adds {@code sslrootcert=FILE}, as in {@code DATABASE_URL}: a PEM file of the certificate
 * authorities to trust instead of the JVM's trust store (for a server whose certificate a private
 * authority signed). Called once, when the client is made.
 */
final class RedisTls {
  private RedisTls() {
  }

  /** The {@code sslrootcert} query parameter of {@code url}, or null. */
  static String rootCert(String url) {
    int q = url.indexOf('?');
    if (q < 0) {
      return null;
    }
    for (String pair : url.substring(q + 1).split("&")) {
      if (pair.startsWith("sslrootcert=")) {
        String file = URLDecoder.decode(pair.substring("sslrootcert=".length()), StandardCharsets.UTF_8);
        return file.isEmpty() ? null : file;
      }
    }
    return null;
  }

  /** The message of the TLS failure in {@code failure}'s causes (an untrusted certificate, say), or null. */
  static String failure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof javax.net.ssl.SSLException) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
      }
    }
    return null;
  }

  /** Lettuce's SSL options for {@code url}: trusting {@code sslrootcert} when given, else the defaults. */
  static SslOptions sslOptions(String url) {
    String root = rootCert(url);
    return root == null ? SslOptions.create() : SslOptions.builder().jdkSslProvider().trustManager(new File(root)).build();
  }
}
