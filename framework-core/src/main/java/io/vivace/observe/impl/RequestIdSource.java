package io.vivace.observe.impl;

import io.netty.util.AsciiString;
import java.security.SecureRandom;

/**
 * Request ids of one event loop: a valid incoming {@code X-Request-Id} as is, else a new one made
 * of a random prefix drawn once (8 base-32 characters, 40 bits) and this loop's counter in hex,
 * e.g. {@code k3j9f0a2-1f}: unique per process run, no random draw and one small byte array per
 * request. Confined to its event loop.
 */
final class RequestIdSource {
  /** Longest accepted incoming id, characters. */
  static final int MAX_LENGTH = 128;
  private static final boolean[] SAFE = new boolean[128];
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      SAFE[c] = true;
      SAFE[Character.toUpperCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      SAFE[c] = true;
    }
    for (char c : "-_.:+=/@~".toCharArray()) {
      SAFE[c] = true;
    }
  }

  private final byte[] prefix;
  private long counter;

  RequestIdSource(SecureRandom random) {
    long bits = random.nextLong();
    prefix = new byte[9];
    for (int i = 0; i < 8; i++) {
      prefix[i] = (byte) BASE32[(int) (bits >>> (5 * i)) & 31];
    }
    prefix[8] = '-';
  }

  /** {@code given} when it is a valid id, else a new one. */
  CharSequence idFor(String given) {
    return valid(given) ? given : next();
  }

  /** A new id. */
  CharSequence next() {
    long c = ++counter;
    int digits = Math.max(1, (64 - Long.numberOfLeadingZeros(c) + 3) >>> 2);
    byte[] b = new byte[prefix.length + digits];
    System.arraycopy(prefix, 0, b, 0, prefix.length);
    for (int i = b.length - 1; i >= prefix.length; i--) {
      b[i] = HEX[(int) c & 15];
      c >>>= 4;
    }
    return new AsciiString(b, false);
  }

  /** Whether {@code id} is 1 to {@value #MAX_LENGTH} characters of {@code A-Z a-z 0-9 - _ . : + = / @ ~}. */
  static boolean valid(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c >= 128 || !SAFE[c]) {
        return false;
      }
    }
    return true;
  }
}
