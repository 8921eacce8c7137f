package io.vivace.auth.throttle;

import io.netty.util.NetUtil;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The keys throttles store, of a bounded size whatever the client sends: an account is the
 * SHA-256 of its normalised e-mail address (43 base64url characters), an IPv4 client its address,
 * an IPv6 client its /64 network (one subscriber's allocation, RFC 6177), anything else its
 * SHA-256 (no address at all: one shared key). Thread-safe (stateless).
 */
final class ThrottleKeys {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final HexFormat HEX = HexFormat.of();

  private ThrottleKeys() {
  }

  /** The key of an account: the SHA-256 of {@code email}, base64url. */
  static String account(String email) {
    return B64.encodeToString(sha256(email));
  }

  /**
   * The key of a client address as {@code hostAddress()} prints it: IPv4 as is, IPv6 (not
   * IPv4-mapped) by its first 64 bits, anything that is no IP address by its SHA-256.
   */
  static String client(String ip) {
    if (ip == null) {
      return "none"; // no IP address (a Unix domain socket): one shared counter
    }
    byte[] raw = NetUtil.createByteArrayFromIpAddressString(ip);
    if (raw == null) {
      return "h" + B64.encodeToString(sha256(ip));
    }
    if (raw.length == 4) {
      return ip;
    }
    if (isIpv4Mapped(raw)) {
      return (raw[12] & 0xff) + "." + (raw[13] & 0xff) + "." + (raw[14] & 0xff) + "." + (raw[15] & 0xff);
    }
    return HEX.formatHex(raw, 0, 8) + "/64";
  }

  private static boolean isIpv4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
