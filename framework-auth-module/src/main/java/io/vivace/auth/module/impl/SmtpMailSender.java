package io.vivace.auth.module.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vivace.auth.module.AccountOptions;
import io.vivace.auth.module.MailSender;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Properties;

/**
 * {@link MailSender#smtp}: Jakarta Mail (Eclipse Angus) over SMTP. With STARTTLS on, the upgrade is
 * required (a server that does not offer it is refused, nothing is sent in clear), the server's
 * certificate must chain to a trusted authority (those of {@code AUTH_SMTP_CA}, else the JVM's) and
 * name the host (RFC 6125); AUTH when a user is set, after the upgrade. Sending blocks, so it runs
 * on a worker thread. Thread-safe (one {@link Session}, a transport per message).
 */
public final class SmtpMailSender implements MailSender {
  private static final String TIMEOUT_MS = "10000";
  private final Session session;
  private final InternetAddress from;

  public SmtpMailSender(AccountOptions o) {
    Properties p = new Properties();
    p.setProperty("mail.transport.protocol", "smtp");
    p.setProperty("mail.smtp.host", o.smtpHost());
    p.setProperty("mail.smtp.port", Integer.toString(o.smtpPort()));
    p.setProperty("mail.smtp.connectiontimeout", TIMEOUT_MS);
    p.setProperty("mail.smtp.timeout", TIMEOUT_MS);
    p.setProperty("mail.smtp.writetimeout", TIMEOUT_MS);
    if (o.smtpStartTls()) {
      p.setProperty("mail.smtp.starttls.enable", "true");
      p.setProperty("mail.smtp.starttls.required", "true");
      p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
      p.setProperty("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
      if (o.smtpCa() != null) {
        p.put("mail.smtp.ssl.socketFactory", SmtpTrust.socketFactory(o.smtpCa()));
      }
    }
    Authenticator auth = null;
    if (o.smtpUser() != null) {
      p.setProperty("mail.smtp.auth", "true");
      String user = o.smtpUser();
      String password = o.smtpPassword() == null ? "" : o.smtpPassword();
      auth = new Authenticator() {
        @Override
        protected PasswordAuthentication getPasswordAuthentication() {
          return new PasswordAuthentication(user, password);
        }
      };
    }
    this.session = Session.getInstance(p, auth);
    try {
      this.from = new InternetAddress(o.mailFrom(), true);
    } catch (jakarta.mail.internet.AddressException e) {
      throw new io.vivace.config.ConfigException("AUTH_MAIL_FROM is not an e-mail address: " + e.getMessage());
    }
  }

  @Override
  public Future<Void> send(Vertx vertx, String to, String subject, String text) {
    return vertx.executeBlocking(() -> {
      MimeMessage m = new MimeMessage(session);
      m.setFrom(from);
      m.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
      m.setSubject(subject, "UTF-8");
      m.setSentDate(new Date());
      m.setText(text, "UTF-8");
      try {
        Transport.send(m);
      } catch (MessagingException e) {
        String where = "SMTP to " + session.getProperty("mail.smtp.host") + ":" + session.getProperty("mail.smtp.port");
        javax.net.ssl.SSLException tls = SmtpTrust.tlsFailure(e);
        throw new IllegalStateException(tls == null ? where + " failed: " + e.getMessage()
            : where + " failed: the STARTTLS handshake refused the server's certificate (" + tls.getMessage()
                + "); nothing was sent. Trust its authority with AUTH_SMTP_CA, and connect by a name the certificate holds", e);
      }
      return null;
    }, false);
  }
}
