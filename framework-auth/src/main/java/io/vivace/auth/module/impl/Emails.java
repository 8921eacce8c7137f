package io.vivace.auth.module.impl;

import java.util.Locale;
import java.util.regex.Pattern;

/** E-mail addresses as accounts use them: trimmed, lower-cased, checked for a plausible shape. */
final class Emails {
  /** local@domain.tld: no spaces, one {@code @}, a dot in the domain with no empty label. */
  private static final Pattern SHAPE = Pattern.compile("[^\\s@]{1,64}@[^\\s@.]+(\\.[^\\s@.]+)+");

  private Emails() {
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
