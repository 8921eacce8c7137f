package io.vivace.loadtests.gatling.sim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the bearer token of the authenticated scenario: a JWT (RFC 7519) with header
 * {@code {"alg":"HS256","typ":"JWT"}} and claims {@code sub}, {@code iss}, {@code aud} and
 * {@code exp} (seconds since the epoch), signed with HMAC-SHA256 (RFC 7518 section 3.2) using the JDK only. Built once per
 * simulation, never per request.
 */
public final class Jwt {
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

  private Jwt() {
  }

  /**
   * @param secret the shared key, UTF-8 encoded as the server encodes {@code JWT_SECRET}; not empty
   * @param subject the {@code sub} claim, JSON-safe (letters, digits, {@code -_.@})
   * @param expiresAt the {@code exp} claim in seconds since the epoch
   * @return {@code header.claims.signature}, each part base64url without padding
   * @throws IllegalArgumentException for an empty secret or a subject that would need escaping
   */
  public static String hs256(String secret, String subject, long expiresAt) {
    return hs256(secret, subject, DEFAULT_ISSUER, DEFAULT_AUDIENCE, expiresAt);
  }

  /** The issuer and audience a Vivace app expects unless {@code JWT_ISSUER}/{@code JWT_AUDIENCE} say otherwise. */
  public static final String DEFAULT_ISSUER = "vivace";
  public static final String DEFAULT_AUDIENCE = "vivace";

  /**
   * As {@link #hs256(String, String, long)} with the given {@code iss} and {@code aud} claims (the
   * same character rule as the subject).
   */
  public static String hs256(String secret, String subject, String issuer, String audience, long expiresAt) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("the JWT secret is empty: set JWT_SECRET or -DjwtSecret");
    }
    for (String claim : new String[] {subject, issuer, audience}) {
      if (!claim.matches("[A-Za-z0-9._@-]+")) {
        throw new IllegalArgumentException("sub, iss and aud must be letters, digits or -_.@, got '" + claim + "'");
      }
    }
    String claims = "{\"sub\":\"" + subject + "\",\"iss\":\"" + issuer + "\",\"aud\":\"" + audience
        + "\",\"exp\":" + expiresAt + "}";
    String signingInput = encode(HEADER) + "." + encode(claims);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64URL.encodeToString(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static String encode(String json) {
    return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
