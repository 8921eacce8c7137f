package io.vivace.auth.module.impl;

import io.vivace.auth.module.AccountOptions;

/** The texts of the module's mail: the token, and a link to the app's page when AUTH_MAIL_LINK is set. */
final class Mails {
  private Mails() {
  }

  private static String link(AccountOptions o, String param, String token) {
    String base = o.mailLink();
    if (base == null) {
      return "";
    }
    return "Open this link:\n\n" + base + (base.contains("?") ? "&" : "?") + param + "=" + token + "\n\nor use ";
  }

  static String reset(AccountOptions o, String token) {
    return "Someone (hopefully you) asked to reset the password of this account.\n\n"
        + capital(link(o, "reset", token)) + "this code:\n\n" + token + "\n\n"
        + "It works once, for " + minutes(o.resetTtl()) + ". Every session of the account is logged out when the password"
        + " changes. If you did not ask, ignore this mail: the password stays as it is.\n";
  }

  static String verify(AccountOptions o, String token) {
    return "Please confirm that this is your e-mail address.\n\n"
        + capital(link(o, "verify", token)) + "this code:\n\n" + token + "\n\n"
        + "It works once, for " + minutes(o.verifyTtl()) + ".\n";
  }

  private static String capital(String s) {
    return s.isEmpty() ? "Use " : s;
  }

  private static String minutes(long seconds) {
    long m = Math.max(1, seconds / 60);
    return m % 60 == 0 ? (m / 60) + " hour(s)" : m + " minute(s)";
  }
}
