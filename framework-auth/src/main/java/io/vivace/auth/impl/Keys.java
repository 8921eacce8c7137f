package io.vivace.auth.impl;

import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.ECDSAKeyProvider;
import com.auth0.jwt.interfaces.RSAKeyProvider;
import io.vivace.auth.AuthOptions;
import io.vivace.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of configured options, built once: the java-jwt algorithm, and for RS256/ES256 every
 * verification key by its {@code kid} (RFC 7638 thumbprint) in {@code JWT_PUBLIC_KEY}'s order
 * (the first pairs with {@code JWT_PRIVATE_KEY} and signs; all verify, for rotation) and the JWK
 * Set document (RFC 7517) that publishes them.
 */
final class Keys {
  /** An RS256/ES256 key set: {@code keys} in order (kid → key), the signing kid, the JWKS text. */
  record KeySet(Algorithm algorithm, Map<String, PublicKey> keys, String signingKid, String jwks) {
  }

  /** The JWK Set of a server that publishes no key (HS256: the secret is never published). */
  static final String EMPTY_JWKS = "{\"keys\":[]}";

  private Keys() {
  }

  static KeySet keySet(AuthOptions o) {
    if (o.algorithm() == AuthOptions.Algorithm.HS256) {
      return new KeySet(Algorithm.HMAC256(o.secret().getBytes(StandardCharsets.UTF_8)), Map.of(), null, EMPTY_JWKS);
    }
    boolean rsa = o.algorithm() == AuthOptions.Algorithm.RS256;
    String type = rsa ? "RSA" : "EC";
    Map<String, PublicKey> keys = new LinkedHashMap<>();
    for (String block : pemBlocks(o.publicKeyPem())) {
      PublicKey k = publicKey(type, block);
      if (k instanceof ECPublicKey ec && !Jwks.isP256(ec)) {
        throw new ConfigException("JWT_PUBLIC_KEY: ES256 needs keys on the P-256 curve (RFC 7518 section 3.4)");
      }
      keys.putIfAbsent(Jwks.thumbprint(k), k);
    }
    if (keys.isEmpty()) {
      throw new ConfigException("JWT_PUBLIC_KEY: expected a PEM " + type + " public key (-----BEGIN PUBLIC KEY-----)");
    }
    keys = Collections.unmodifiableMap(keys);
    String signingKid = keys.keySet().iterator().next();
    PrivateKey priv = o.privateKeyPem() == null ? null : privateKey(type, o.privateKeyPem());
    if (priv != null && !pairs(priv, keys.get(signingKid), rsa)) {
      throw new ConfigException("JWT_PRIVATE_KEY does not pair with the first key of JWT_PUBLIC_KEY (the first one signs;"
          + " put the new key first when rotating)");
    }
    Map<String, PublicKey> all = keys;
    Algorithm algorithm = rsa ? Algorithm.RSA256(new RSAKeyProvider() {
      @Override
      public RSAPublicKey getPublicKeyById(String kid) {
        return (RSAPublicKey) all.get(kid == null ? signingKid : kid);
      }

      @Override
      public RSAPrivateKey getPrivateKey() {
        return (RSAPrivateKey) priv;
      }

      @Override
      public String getPrivateKeyId() {
        return signingKid;
      }
    }) : Algorithm.ECDSA256(new ECDSAKeyProvider() {
      @Override
      public ECPublicKey getPublicKeyById(String kid) {
        return (ECPublicKey) all.get(kid == null ? signingKid : kid);
      }

      @Override
      public ECPrivateKey getPrivateKey() {
        return (ECPrivateKey) priv;
      }

      @Override
      public String getPrivateKeyId() {
        return signingKid;
      }
    });
    return new KeySet(algorithm, keys, signingKid, Jwks.set(keys));
  }

  /** Whether {@code priv} signs what {@code pub} verifies (checked once, at start). */
  private static boolean pairs(PrivateKey priv, PublicKey pub, boolean rsa) {
    try {
      byte[] probe = "vivace key pair probe".getBytes(StandardCharsets.US_ASCII);
      Signature s = Signature.getInstance(rsa ? "SHA256withRSA" : "SHA256withECDSA");
      s.initSign(priv);
      s.update(probe);
      byte[] sig = s.sign();
      s.initVerify(pub);
      s.update(probe);
      return s.verify(sig);
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }

  private static PublicKey publicKey(String type, String pem) {
    try {
      return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der(pem)));
    } catch (Exception e) {
      throw new ConfigException("JWT_PUBLIC_KEY: expected a PEM " + type + " public key (-----BEGIN PUBLIC KEY-----): " + e.getMessage());
    }
  }

  private static PrivateKey privateKey(String type, String pem) {
    try {
      return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
    } catch (Exception e) {
      throw new ConfigException("JWT_PRIVATE_KEY: expected a PKCS#8 PEM " + type + " private key (-----BEGIN PRIVATE KEY-----): " + e.getMessage());
    }
  }

  /** The PEM blocks of a text holding one or more (each from its BEGIN line to its END line). */
  static List<String> pemBlocks(String text) {
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    for (String line : text.split("\\R|\\\\n")) {
      String l = line.trim();
      if (l.startsWith("-----BEGIN")) {
        block = new StringBuilder();
      } else if (l.startsWith("-----END")) {
        if (block != null) {
          blocks.add(block.toString());
        }
        block = null;
      } else if (block != null) {
        block.append(l).append('\n');
      }
    }
    if (blocks.isEmpty() && !text.isBlank()) {
      blocks.add(text); // bare base64 without the armour lines
    }
    return blocks;
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
