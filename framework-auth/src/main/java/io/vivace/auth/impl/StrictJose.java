package io.vivace.auth.impl;

import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.Base64;

/**
 * What java-jwt lets through and a JWS verifier must refuse: a {@code crit} header (RFC 7515
 * section 4.1.11: this server understands no extension, so any listed one is unknown), an
 * unencoded payload ({@code "b64": false}, RFC 7797, which changes what the signature covers), and
 * a header or payload naming one member twice (RFC 7515 section 5.2 step 4 and RFC 7519
 * section 4: parsers differ on which duplicate wins, so reject them). Runs only on a token the
 * per-loop cache has not seen: one streaming pass over each part, nothing kept. Thread-safe.
 */
final class StrictJose {
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private StrictJose() {
  }

  /** The detail of the 401 when {@code jwt} breaks one of the rules above; null when it keeps them. */
  static String violation(DecodedJWT jwt) {
    if (present(jwt.getHeaderClaim("crit"))) {
      return "The token names critical extensions this server does not understand.";
    }
    Claim b64 = jwt.getHeaderClaim("b64");
    if (present(b64) && !Boolean.TRUE.equals(b64.asBoolean())) {
      return "The token's payload is not base64url-encoded (b64) and is not accepted.";
    }
    if (hasDuplicate(jwt.getHeader())) {
      return "The token's header names a parameter twice.";
    }
    if (hasDuplicate(jwt.getPayload())) {
      return "The token names a claim twice.";
    }
    return null;
  }

  private static boolean present(Claim c) {
    return c != null && !c.isMissing();
  }

  /** Whether the base64url JSON in {@code part} has an object naming a member twice, at any depth. */
  private static boolean hasDuplicate(String part) {
    byte[] json = Base64.getUrlDecoder().decode(part);
    try (JsonParser p = JSON.createParser(json)) {
      while (p.nextToken() != null) {
        // the parser throws on the second occurrence of a name within one object
      }
      return false;
    } catch (IOException e) {
      return true; // a duplicate (java-jwt has already parsed the rest of this JSON)
    }
  }
}
