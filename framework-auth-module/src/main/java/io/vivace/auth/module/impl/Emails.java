package io.vivace.auth.module.impl;

import java.util.Locale;
import java.util.regex.Pattern;

/** E-mail addresses as accounts use them: trimmed, lower-cased, checked for a plausible shape. */
final class Emails {
  /** local@domain.tld: no spaces, one {@code @}, a dot in the domain with no empty label. */
  private static final Pattern SHAPE = Pattern.compile("[^\\s@]{1,64}@[^\\s@.]+(\\.[^\\s@.]+)+");

  /** The longest address accepted anywhere, in UTF-8 bytes (RFC 5321 section 4.5.3.1.3): {@value}. */
  static final int MAX_BYTES = 254;

  private Emails() {
  }

  /** Whether {@code email} (null passes) is over {@link #MAX_BYTES} bytes in UTF-8. */
  static boolean tooLong(String email) {
    if (email == null || email.length() <= MAX_BYTES / 3) {
      return false;
    }
    return email.length() > MAX_BYTES || email.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES;
  }

  /** The form stored and compared; null stays null. */
  static String normalize(String email) {
    return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
  }

  /** Whether a normalised address looks like one (RFC 5321 lengths: 254 in all, 64 before the @). */
  static boolean plausible(String email) {
    return email != null && email.length() <= 254 && SHAPE.matcher(email).matches();
  }
}
