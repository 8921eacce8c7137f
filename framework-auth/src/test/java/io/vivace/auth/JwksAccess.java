package io.vivace.auth;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Map;

/** Tests' door to the package-private JWK Set parser. */
final class JwksAccess {
  private JwksAccess() {
  }

  static Map<String, PublicKey> parse(String json) {
    return io.vivace.auth.impl.JwksTestAccess.parse(json.getBytes(StandardCharsets.UTF_8));
  }
}
