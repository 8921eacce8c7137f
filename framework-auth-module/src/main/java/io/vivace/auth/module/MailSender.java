package io.vivace.auth.module;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vivace.auth.module.impl.LogMailSender;
import io.vivace.auth.module.impl.SmtpMailSender;

/**
 * Sends the module's mail (password reset, e-mail verification): plain-text messages, UTF-8. Two
 * implementations: {@link #smtp} on Jakarta Mail's Eclipse Angus implementation (SMTP submission,
 * STARTTLS per RFC 3207 required unless turned off, AUTH when a user is set), and {@link #log} for
 * development, which writes the message to the log at INFO (never use it in production: the log
 * then holds reset tokens). {@link #send} may be called on any thread and never blocks an event
 * loop (SMTP runs on a worker thread). Thread-safe.
 */
public interface MailSender {

  /**
   * Sends one message to {@code to} from the configured sender. Completes when the server
   * accepted it; fails with the transport's exception (connection refused, STARTTLS not offered,
   * authentication failed, recipient refused).
   */
  Future<Void> send(Vertx vertx, String to, String subject, String text);

  /** A sender that writes messages to the log (development): {@code from} is shown as the sender. */
  static MailSender log(String from) {
    return new LogMailSender(from);
  }

  /**
   * An SMTP sender for {@code options}' {@code AUTH_SMTP_*} settings and {@code AUTH_MAIL_FROM}:
   * connection, read and write timeouts of 10 s each.
   */
  static MailSender smtp(AccountOptions options) {
    return new SmtpMailSender(options);
  }
}
