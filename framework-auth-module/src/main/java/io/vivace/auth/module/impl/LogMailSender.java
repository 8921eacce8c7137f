package io.vivace.auth.module.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vivace.auth.module.MailSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link MailSender#log}: each message at INFO on logger {@code io.vivace.auth.mail}. */
public final class LogMailSender implements MailSender {
  private static final Logger LOG = LoggerFactory.getLogger("io.vivace.auth.mail");
  private final String from;

  public LogMailSender(String from) {
    this.from = from;
  }

  @Override
  public Future<Void> send(Vertx vertx, String to, String subject, String text) {
    LOG.info("Mail (AUTH_MAIL=log, not sent) from {} to {}: {}\n{}", from, to, subject, text);
    return Future.succeededFuture();
  }
}
