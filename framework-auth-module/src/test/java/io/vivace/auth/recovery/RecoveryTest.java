package io.vivace.auth.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Vertx;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.auth.Auth;
import io.vivace.auth.AuthOptions;
import io.vivace.auth.MutableClock;
import io.vivace.auth.module.AccountOptions;
import io.vivace.auth.module.AuthModule;
import io.vivace.auth.module.MailSender;
import io.vivace.auth.throttle.ThrottleStore;
import io.vivace.db.Database;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Password reset and e-mail verification over real HTTP, PostgreSQL and a real SMTP server on
 * loopback (GreenMail, started here, with SMTP AUTH): the token is read back from the message the
 * server received, never from an HTTP response.
 */
class RecoveryTest {
  static final Pattern TOKEN = Pattern.compile("code:\\s+([A-Za-z0-9_-]{43})");
  static final Pattern LINK = Pattern.compile("https://app\\.example\\.test/account\\?(reset|verify)=([A-Za-z0-9_-]{43})");
  static final MutableClock clock = new MutableClock(Instant.now());
  static GreenMail smtp;
  static TestServer server;
  static DatabaseUrl url;

  @BeforeAll
  static void start() {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("accounts@blog.test", "mailer", "mail-secret"));
    smtp.start();
    url = TestDatabase.fresh();
    App app = Vivace.app(TestServer.options());
    Database db = Database.attach(app, new DbOptions().url(url).migrate(false));
    Auth auth = Auth.attach(app, new AuthOptions().secret("recovery-test-secret-0123456789abcdef01234")
        .argon2(1024, 1, 1).ipLimit(1000, 60).signupLimit(1000, 60).accessTtl(3600), clock);
    AuthModule.mount(app, db, auth, "/auth", ThrottleStore.inProcess(clock)).configure(new AccountOptions()
        .smtp("127.0.0.1", smtp.getSmtp().getPort(), false, "mailer", "mail-secret", "accounts@blog.test",
            "https://app.example.test/account")
        .tokenTtls(600, 3600).requireVerified(true).audit(true, 30));
    server = TestServer.started(app);
  }

  @AfterAll
  static void stop() {
    TestDatabase.closeAndDrop(server, url);
    smtp.stop();
  }

  static HttpResponse<String> post(String path, String json) {
    return server.postJson(path, json);
  }

  static String creds(String email, String password) {
    return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
  }

  /** The messages received for {@code to}, waiting (with a deadline) until there are {@code n}. */
  static MimeMessage[] mailFor(String to, int n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    MimeMessage[] got;
    while ((got = received(to)).length < n && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(n, got.length, "messages for " + to);
    return got;
  }

  static MimeMessage[] received(String to) throws Exception {
    return java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
      try {
        return m.getAllRecipients()[0].toString().equals(to);
      } catch (Exception e) {
        return false;
      }
    }).toArray(MimeMessage[]::new);
  }

  static String token(MimeMessage m) {
    String body = GreenMailUtil.getBody(m);
    Matcher code = TOKEN.matcher(body);
    assertTrue(code.find(), body);
    Matcher link = LINK.matcher(body);
    assertTrue(link.find(), "the link to the app's page: " + body);
    assertEquals(code.group(1), link.group(2));
    return code.group(1);
  }

  static String signupAndVerify(String email, String password) throws Exception {
    assertEquals(201, post("/auth/signup", creds(email, password)).statusCode());
    MimeMessage verification = mailFor(email, 1)[0];
    assertEquals("Verify your e-mail address", verification.getSubject());
    assertEquals("accounts@blog.test", verification.getFrom()[0].toString());
    assertEquals(204, post("/auth/email/verify", "{\"token\":\"" + token(verification) + "\"}").statusCode());
    return email;
  }

  @Test
  void verificationIsRequiredBeforeLoginAndItsTokenWorksOnce() throws Exception {
    String email = "verify@example.com";
    assertEquals(201, post("/auth/signup", creds(email, "long enough password")).statusCode());
    MimeMessage first = mailFor(email, 1)[0];
    HttpResponse<String> blocked = post("/auth/login", creds(email, "long enough password"));
    assertEquals(403, blocked.statusCode(), blocked.body());
    assertFalse(blocked.body().contains(token(first)), "never a token in a response");
    MimeMessage second = mailFor(email, 2)[1];
    assertEquals(422, post("/auth/email/verify", "{\"token\":\"" + token(first) + "\"}").statusCode(),
        "a new mail replaces the earlier token");
    assertEquals(204, post("/auth/email/verify", "{\"token\":\"" + token(second) + "\"}").statusCode());
    HttpResponse<String> reused = post("/auth/email/verify", "{\"token\":\"" + token(second) + "\"}");
    assertEquals(422, reused.statusCode(), "single use");
    assertEquals("#/token", JsonTree.errors(reused.body()).get(0).get("pointer"));
    assertEquals(200, post("/auth/login", creds(email, "long enough password")).statusCode());
    assertEquals(401, post("/auth/login", creds(email, "a wrong password!")).statusCode(), "the password is still checked first");
  }

  @Test
  void resetByMailedTokenRevokesEverySessionAndWorksOnce() throws Exception {
    String email = signupAndVerify("reset@example.com", "the old password");
    Map<String, Object> session = JsonTree.object(post("/auth/login", creds(email, "the old password")).body());
    HttpResponse<String> unknown = post("/auth/password/forgot", "{\"email\":\"nobody@example.com\"}");
    HttpResponse<String> known = post("/auth/password/forgot", "{\"email\":\"" + email + "\"}");
    assertEquals(204, unknown.statusCode());
    assertEquals(204, known.statusCode());
    assertEquals(unknown.body(), known.body(), "the same answer whether or not the address has an account");
    assertEquals("", known.body(), "never a token in a response");
    MimeMessage mail = mailFor(email, 2)[1];
    assertEquals("Reset your password", mail.getSubject());
    String token = token(mail);
    assertEquals(0, received("nobody@example.com").length, "nothing mailed to an unknown address");

    HttpResponse<String> weak = post("/auth/password/reset", "{\"token\":\"" + token + "\",\"password\":\"short\"}");
    assertEquals(422, weak.statusCode(), "the password policy holds");
    assertEquals(204, post("/auth/password/reset", "{\"token\":\"" + token + "\",\"password\":\"the new password\"}").statusCode());
    assertEquals(422, post("/auth/password/reset", "{\"token\":\"" + token + "\",\"password\":\"another password!\"}").statusCode(),
        "a used token");
    assertEquals(401, post("/auth/login", creds(email, "the old password")).statusCode());
    assertEquals(200, post("/auth/login", creds(email, "the new password")).statusCode());
    assertEquals(401, post("/auth/refresh", "{\"refreshToken\":\"" + session.get("refreshToken") + "\"}").statusCode(),
        "the reset revoked the earlier session");
    HttpResponse<String> me = server.send(HttpRequest.newBuilder(server.uri("/auth/me"))
        .header("Authorization", "Bearer " + session.get("accessToken")));
    assertEquals(401, me.statusCode(), "and its access token");
    assertEquals(422, post("/auth/password/reset", "{\"token\":\"not-a-token\",\"password\":\"the new password\"}").statusCode());
  }

  @Test
  void anExpiredResetTokenIsRefused() throws Exception {
    String email = signupAndVerify("expired@example.com", "the old password");
    assertEquals(204, post("/auth/password/forgot", "{\"email\":\"" + email + "\"}").statusCode());
    String token = token(mailFor(email, 2)[1]);
    clock.advance(Duration.ofSeconds(601)); // AUTH_RESET_TTL is 600 s here
    assertEquals(422, post("/auth/password/reset", "{\"token\":\"" + token + "\",\"password\":\"the new password\"}").statusCode());
    assertEquals(200, post("/auth/login", creds(email, "the old password")).statusCode(), "the password did not change");
  }

  @Test
  void smtpRefusesAWrongPasswordAndAServerWithoutStartTls() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      int before = smtp.getReceivedMessages().length;
      MailSender wrong = MailSender.smtp(new AccountOptions().smtp("127.0.0.1", smtp.getSmtp().getPort(), false, "mailer",
          "not-the-password", "accounts@blog.test", null));
      Exception auth = assertThrows(Exception.class, () -> wrong.send(vertx, "x@example.com", "s", "t")
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
      assertTrue(String.valueOf(auth.getMessage()).contains("SMTP to 127.0.0.1"), auth.toString());
      MailSender tls = MailSender.smtp(new AccountOptions().smtp("127.0.0.1", smtp.getSmtp().getPort(), true, "mailer",
          "mail-secret", "accounts@blog.test", null));
      Exception starttls = assertThrows(Exception.class, () -> tls.send(vertx, "x@example.com", "s", "t")
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
      assertTrue(String.valueOf(starttls.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("starttls"), starttls.toString());
      assertEquals(before, smtp.getReceivedMessages().length, "nothing was sent");
      // The right password, without STARTTLS, goes through.
      MailSender right = MailSender.smtp(new AccountOptions().smtp("127.0.0.1", smtp.getSmtp().getPort(), false, "mailer",
          "mail-secret", "accounts@blog.test", null));
      right.send(vertx, "direct@example.com", "Hello", "Grüße").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      MimeMessage direct = mailFor("direct@example.com", 1)[0];
      assertEquals("Hello", direct.getSubject());
      assertEquals("Grüße", String.valueOf(direct.getContent()).trim(), "UTF-8 text");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
