package io.vivace.auth.impl;

import com.auth0.jwt.algorithms.Algorithm;
import io.vivace.auth.AuthOptions;
import io.vivace.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** The java-jwt algorithm (with its keys, built once) for configured options. */
final class Keys {
  private Keys() {
  }

  static Algorithm algorithm(AuthOptions o) {
    switch (o.algorithm()) {
      case HS256:
        return Algorithm.HMAC256(o.secret().getBytes(StandardCharsets.UTF_8));
      case RS256:
        return Algorithm.RSA256((RSAPublicKey) publicKey("RSA", o.publicKeyPem()),
            o.privateKeyPem() == null ? null : (RSAPrivateKey) privateKey("RSA", o.privateKeyPem()));
      case ES256:
        return Algorithm.ECDSA256((ECPublicKey) publicKey("EC", o.publicKeyPem()),
            o.privateKeyPem() == null ? null : (ECPrivateKey) privateKey("EC", o.privateKeyPem()));
      default:
        throw new IllegalArgumentException("unknown algorithm " + o.algorithm());
    }
  }

  private static java.security.PublicKey publicKey(String type, String pem) {
    try {
      return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der(pem)));
    } catch (Exception e) {
      throw new ConfigException("JWT_PUBLIC_KEY: expected a PEM " + type + " public key (-----BEGIN PUBLIC KEY-----): " + e.getMessage());
    }
  }

  private static java.security.PrivateKey privateKey(String type, String pem) {
    try {
      return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
    } catch (Exception e) {
      throw new ConfigException("JWT_PRIVATE_KEY: expected a PKCS#8 PEM " + type + " private key (-----BEGIN PRIVATE KEY-----): " + e.getMessage());
    }
  }

  /** The DER bytes of a PEM text (header and footer lines dropped). */
  static byte[] der(String pem) {
    StringBuilder b64 = new StringBuilder();
    for (String line : pem.split("\\R|\\\\n")) {
      if (!line.startsWith("-----")) {
        b64.append(line.trim());
      }
    }
    return Base64.getMimeDecoder().decode(b64.toString());
  }
}
