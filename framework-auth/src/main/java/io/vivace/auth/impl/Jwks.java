package io.vivace.auth.impl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Web Keys (RFC 7517) of RS256 and ES256 public keys: their RFC 7638 thumbprints (the
 * {@code kid} Vivace gives its keys), the JWK Set document Vivace publishes, and the keys of a JWK
 * Set read from another issuer. Not on the request path. Thread-safe (no state).
 */
public final class Jwks {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  /** The P-256 curve's field size, bits (ES256 keys only, RFC 7518 section 3.4). */
  private static final int P256_BITS = 256;

  private Jwks() {
  }

  /** The RFC 7638 SHA-256 thumbprint of {@code key}, base64url without padding (43 characters). */
  public static String thumbprint(PublicKey key) {
    // The required members only, in lexicographic order, no whitespace (RFC 7638 section 3.2).
    String canonical;
    if (key instanceof RSAPublicKey rsa) {
      canonical = "{\"e\":\"" + unsigned(rsa.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\"" + unsigned(rsa.getModulus()) + "\"}";
    } else if (key instanceof ECPublicKey ec) {
      canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + coordinate(ec.getW().getAffineX())
          + "\",\"y\":\"" + coordinate(ec.getW().getAffineY()) + "\"}";
    } else {
      throw new IllegalArgumentException("not an RSA or EC public key: " + key.getAlgorithm());
    }
    try {
      return B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The public JWK of {@code key}: {@code kty}, {@code kid}, {@code use: sig}, {@code alg} and the key members. */
  static Map<String, Object> jwk(PublicKey key, String kid) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (key instanceof RSAPublicKey rsa) {
      m.put("kty", "RSA");
      m.put("kid", kid);
      m.put("use", "sig");
      m.put("alg", "RS256");
      m.put("n", unsigned(rsa.getModulus()));
      m.put("e", unsigned(rsa.getPublicExponent()));
    } else {
      ECPublicKey ec = (ECPublicKey) key;
      m.put("kty", "EC");
      m.put("kid", kid);
      m.put("use", "sig");
      m.put("alg", "ES256");
      m.put("crv", "P-256");
      m.put("x", coordinate(ec.getW().getAffineX()));
      m.put("y", coordinate(ec.getW().getAffineY()));
    }
    return m;
  }

  /** The JWK Set document {@code {"keys":[...]}} of {@code keys} (kid → key, in order). */
  static String set(Map<String, ? extends PublicKey> keys) {
    List<Map<String, Object>> list = new ArrayList<>();
    keys.forEach((kid, key) -> list.add(jwk(key, kid)));
    try {
      return JSON.writeValueAsString(Map.of("keys", list));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The signature keys of a JWK Set document, by {@code kid}: RSA keys and EC keys on P-256 that
   * have a {@code kid} and no {@code use} other than {@code sig}; other entries are skipped.
   *
   * @throws IllegalArgumentException when the text is not a JWK Set
   */
  static Map<String, PublicKey> parse(byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not JSON: " + "the document does not parse");
    }
    JsonNode keys = root == null ? null : root.get("keys");
    if (keys == null || !keys.isArray()) {
      throw new IllegalArgumentException("no \"keys\" array");
    }
    Map<String, PublicKey> out = new HashMap<>();
    for (JsonNode k : keys) {
      String kid = k.path("kid").asText(null);
      String use = k.path("use").asText("sig");
      if (kid == null || !"sig".equals(use)) {
        continue;
      }
      try {
        switch (k.path("kty").asText("")) {
          case "RSA" -> out.put(kid, KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
              big(k, "n"), big(k, "e"))));
          case "EC" -> {
            if ("P-256".equals(k.path("crv").asText(""))) {
              out.put(kid, KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                  new ECPoint(big(k, "x"), big(k, "y")), p256())));
            }
          }
          default -> { }
        }
      } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
        // a key that does not parse is skipped; the others still verify
      }
    }
    return out;
  }

  /** Whether {@code key} is an EC key on P-256 (the only curve of ES256). */
  static boolean isP256(ECPublicKey key) {
    return key.getParams().getCurve().getField().getFieldSize() == P256_BITS;
  }

  private static ECParameterSpec p256() throws java.security.GeneralSecurityException {
    AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
    p.init(new ECGenParameterSpec("secp256r1"));
    return p.getParameterSpec(ECParameterSpec.class);
  }

  private static BigInteger big(JsonNode k, String member) {
    String v = k.path(member).asText(null);
    if (v == null) {
      throw new IllegalArgumentException("no " + member);
    }
    return new BigInteger(1, B64D.decode(v));
  }

  /** A non-negative integer as its shortest big-endian bytes, base64url (RFC 7518 section 6.3.1). */
  private static String unsigned(BigInteger v) {
    byte[] b = v.toByteArray();
    if (b.length > 1 && b[0] == 0) {
      b = java.util.Arrays.copyOfRange(b, 1, b.length);
    }
    return B64.encodeToString(b);
  }

  /** A P-256 coordinate as exactly 32 bytes, base64url (RFC 7518 section 6.2.1.2). */
  private static String coordinate(BigInteger v) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(b.length, 32);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return B64.encodeToString(out);
  }
}
