package io.vivace.auth.module.impl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TOTP codes (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1, 30-second steps from the Unix epoch, 6
 * digits, the parameters every authenticator app uses by default; base32 (RFC 4648) for secrets
 * in {@code otpauth://} URIs. No state; thread-safe.
 */
final class Totp {
  /** Seconds per time step (RFC 6238 X). */
  static final long STEP_SECONDS = 30;
  /** Digits of a code. */
  static final int DIGITS = 6;
  /** Steps accepted either side of now (clock drift, a code typed as it changed). */
  static final int WINDOW = 1;
  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private Totp() {
  }

  /** The time step of {@code epochSeconds}. */
  static long step(long epochSeconds) {
    return Math.floorDiv(epochSeconds, STEP_SECONDS);
  }

  /** The {@code digits}-digit code of {@code secret} at time step {@code step} (RFC 4226 section 5.3). */
  static String code(byte[] secret, long step, int digits) {
    byte[] counter = new byte[8];
    for (int i = 7; i >= 0; i--) {
      counter[i] = (byte) step;
      step >>>= 8;
    }
    byte[] h;
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret, "HmacSHA1"));
      h = mac.doFinal(counter);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
    int offset = h[h.length - 1] & 0x0f;
    int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8) | (h[offset + 3] & 0xff);
    int mod = 1;
    for (int i = 0; i < digits; i++) {
      mod *= 10;
    }
    String s = Integer.toString(binary % mod);
    return "0".repeat(digits - s.length()) + s;
  }

  /**
   * The step within ±{@link #WINDOW} of {@code nowStep} whose code is {@code code}, or -1. Compares
   * in constant time per candidate.
   */
  static long match(byte[] secret, String code, long nowStep) {
    if (code == null || code.length() != DIGITS) {
      return -1;
    }
    long found = -1;
    for (long s = nowStep - WINDOW; s <= nowStep + WINDOW; s++) {
      if (java.security.MessageDigest.isEqual(code(secret, s, DIGITS).getBytes(StandardCharsets.US_ASCII),
          code.getBytes(StandardCharsets.US_ASCII))) {
        found = s;
      }
    }
    return found;
  }

  /** {@code bytes} in base32 without padding (RFC 4648 section 6), as authenticator apps read secrets. */
  static String base32(byte[] bytes) {
    StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32[(buffer >>> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32[(buffer << (5 - bits)) & 31]);
    }
    return out.toString();
  }

  /** The key URI authenticator apps scan ({@code otpauth://totp/Issuer:account?secret=…&issuer=…}). */
  static String uri(String issuer, String account, byte[] secret) {
    String label = enc(issuer) + ":" + enc(account);
    return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + enc(issuer)
        + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
