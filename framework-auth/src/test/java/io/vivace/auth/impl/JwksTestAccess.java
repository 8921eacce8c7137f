package io.vivace.auth.impl;

import java.security.PublicKey;
import java.util.Map;

/** The JWK Set parser for tests in other packages. */
public final class JwksTestAccess {
  private JwksTestAccess() {
  }

  public static Map<String, PublicKey> parse(byte[] json) {
    return Jwks.parse(json);
  }
}
