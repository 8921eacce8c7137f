package io.vivace.auth.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vivace.auth.module.AccountOptions;
import io.vivace.auth.module.MailSender;
import io.vivace.config.ConfigException;
import io.vivace.testing.JsonTree;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SMTP sender's STARTTLS path (RFC 3207) against a real server on loopback: Debian's
 * {@code python3-aiosmtpd} ({@code src/test/python/starttls_smtpd.py}, installed by the project's
 * {@code install-debian-package.sh} when missing), which requires STARTTLS before anything else and
 * AUTH, over TLS only, before MAIL. Its certificate is for {@code localhost}, signed by a
 * certificate authority this test makes with openssl and gives the sender through
 * {@code AUTH_SMTP_CA}. What the server received is read back from the files it wrote. Skipped,
 * saying why, only when the package cannot be installed.
 */
class StartTlsTest {
  static final String USER = "mailer";
  static final String PASSWORD = "mail-secret";
  @TempDir
  static Path tmp;
  static Path box;
  static Path ca;
  static Path otherCa;
  static Process server;
  static int port;
  static Vertx vertx;

  @BeforeAll
  static void startServer() throws Exception {
    String aiosmtpd = installAiosmtpd();
    ca = authority("ca");
    otherCa = authority("other-ca");
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", tmp.resolve("server.key").toString(), "-out", tmp.resolve("server.csr").toString(), "-subj", "/CN=localhost");
    Files.writeString(tmp.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
    openssl("x509", "-req", "-in", tmp.resolve("server.csr").toString(), "-CA", ca.toString(),
        "-CAkey", tmp.resolve("ca.key").toString(), "-CAcreateserial", "-out", tmp.resolve("server.crt").toString(),
        "-days", "2", "-extfile", tmp.resolve("san.ext").toString());
    box = Files.createDirectory(tmp.resolve("box"));
    // The interpreter the package's program runs on, the one that has the aiosmtpd module.
    String python = Files.readAllLines(Path.of(aiosmtpd)).get(0).substring(2).trim();
    server = new ProcessBuilder(python, Path.of("src", "test", "python", "starttls_smtpd.py").toString(), "127.0.0.1",
        tmp.resolve("server.crt").toString(), tmp.resolve("server.key").toString(), USER, PASSWORD, box.toString())
        .redirectError(tmp.resolve("smtpd.err").toFile()).start();
    CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
      try {
        String l = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)).readLine();
        return l == null ? "the server ended" : l;
      } catch (IOException e) {
        return e.toString();
      }
    });
    String line = readyLine(first);
    assertTrue(line.startsWith("listening "), () -> "the SMTP server did not start: " + line + " " + log());
    port = Integer.parseInt(line.substring("listening ".length()).trim());
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** "listening PORT": printed once the server accepts; at most 30 s. */
  static String readyLine(CompletableFuture<String> first) throws Exception {
    try {
      return first.get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      return "nothing within 30 s";
    }
  }

  static MailSender sender(String host, String password, Path trusted) {
    return MailSender.smtp(new AccountOptions().smtp(host, port, true, USER, password, "accounts@blog.test", null)
        .smtpCa(trusted == null ? null : trusted.toString()));
  }

  static void send(MailSender sender, String to, String subject, String text) throws Exception {
    sender.send(vertx, to, subject, text).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** The facts the server wrote of each message it received for {@code to} (.json), oldest first. */
  static List<Map<String, Object>> receivedFor(String to) throws IOException {
    List<Map<String, Object>> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(box)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        Map<String, Object> facts = JsonTree.object(Files.readString(f));
        if (((List<?>) facts.get("rcptTos")).contains(to)) {
          facts.put("file", f.toString().replace(".json", ".eml"));
          found.add(facts);
        }
      }
    }
    return found;
  }

  @Test
  void aMailGoesOverStartTlsWithAuthWhenTheServersAuthorityIsTrusted() throws Exception {
    send(sender("localhost", PASSWORD, ca), "tls@example.com", "Über TLS", "Grüße, sent after STARTTLS.");
    // The send completes once the server accepted the message, and it writes its files before answering 250.
    List<Map<String, Object>> got = receivedFor("tls@example.com");
    assertEquals(1, got.size(), got.toString());
    Map<String, Object> facts = got.get(0);
    assertEquals(true, facts.get("tls"), "the session was under TLS when the message came: " + facts);
    assertTrue(List.of("TLSv1.3", "TLSv1.2").contains(facts.get("tlsVersion")), facts.toString());
    assertEquals(USER, facts.get("login"), "authenticated (AUTH after STARTTLS)");
    assertEquals("accounts@blog.test", facts.get("mailFrom"));
    try (InputStream in = Files.newInputStream(Path.of((String) facts.get("file")))) {
      MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), in);
      assertEquals("Über TLS", m.getSubject());
      assertEquals("accounts@blog.test", m.getFrom()[0].toString());
      assertEquals("Grüße, sent after STARTTLS.", String.valueOf(m.getContent()).trim(), "UTF-8 text");
    }
  }

  @Test
  void aCertificateOfAnUntrustedAuthorityIsRefusedAndNothingIsSent() throws Exception {
    for (Path trusted : new Path[] {otherCa, null}) { // another authority; the JVM's trust store
      IllegalStateException e = failure(sender("localhost", PASSWORD, trusted), "untrusted@example.com");
      assertTrue(e.getMessage().startsWith("SMTP to localhost:" + port + " failed: the STARTTLS handshake refused the server's certificate"),
          e.getMessage());
      assertTrue(e.getMessage().contains("AUTH_SMTP_CA"), e.getMessage());
    }
    assertEquals(List.of(), receivedFor("untrusted@example.com"), "nothing was sent");
  }

  @Test
  void aHostNameTheCertificateDoesNotHoldIsRefused() throws Exception {
    IllegalStateException e = failure(sender("127.0.0.1", PASSWORD, ca), "by-address@example.com"); // the certificate names localhost only
    assertTrue(e.getMessage().startsWith("SMTP to 127.0.0.1:" + port + " failed: the STARTTLS handshake refused the server's certificate"),
        e.getMessage());
    assertEquals(List.of(), receivedFor("by-address@example.com"), "nothing was sent");
  }

  @Test
  void aWrongPasswordOverTlsIsRefused() throws Exception {
    IllegalStateException e = failure(sender("localhost", "not-the-password", ca), "wrong-password@example.com");
    assertTrue(e.getMessage().startsWith("SMTP to localhost:" + port + " failed"), e.getMessage());
    assertTrue(e.getMessage().contains("535"), "the server's answer to AUTH: " + e.getMessage());
    assertEquals(List.of(), receivedFor("wrong-password@example.com"), "nothing was sent");
  }

  @Test
  void anUnreadableAuthorityFileFailsNamingTheSetting() {
    ConfigException e = assertThrows(ConfigException.class, () -> sender("localhost", PASSWORD, tmp.resolve("missing.pem")));
    assertTrue(e.getMessage().startsWith("AUTH_SMTP_CA ("), e.getMessage());
  }

  static IllegalStateException failure(MailSender sender, String to) {
    Exception e = assertThrows(Exception.class, () -> send(sender, to, "s", "t"));
    Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
    assertTrue(cause instanceof IllegalStateException, () -> String.valueOf(cause));
    return (IllegalStateException) cause;
  }

  /** A certificate authority (self-signed, EC P-256): its certificate; its key next to it. */
  static Path authority(String name) throws Exception {
    Path cert = tmp.resolve(name + ".crt");
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", tmp.resolve(name + ".key").toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=vivace " + name);
    return cert;
  }

  /** The server's program: installed from Debian's packages when missing; the test is skipped, saying why, when it cannot be. */
  static String installAiosmtpd() throws Exception {
    Path script = Path.of("..", "framework-core", "src", "test", "sh", "install-debian-package.sh");
    Process p = new ProcessBuilder("bash", script.toString(), "python3-aiosmtpd", "aiosmtpd", "aiosmtpd").start();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread drain = new Thread(() -> {
      try {
        p.getErrorStream().transferTo(err);
      } catch (IOException ignored) {
        // the process ended
      }
    }, "install-aiosmtpd");
    drain.setDaemon(true);
    drain.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      Assumptions.abort("installing python3-aiosmtpd took more than 10 minutes");
    }
    drain.join(5_000);
    if (p.exitValue() == 3) { // the script's "cannot install"
      String reason = "python3-aiosmtpd is not available, StartTlsTest skipped: " + err.toString(StandardCharsets.UTF_8).trim();
      System.err.println(reason);
      Assumptions.abort(reason);
    }
    assertEquals(0, p.exitValue(), () -> "install-debian-package.sh: " + err.toString(StandardCharsets.UTF_8));
    String[] lines = out.split("\n");
    return lines[lines.length - 1].trim();
  }

  static void openssl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl " + cmd + ": " + out);
  }

  static String log() {
    try {
      return Files.readString(tmp.resolve("smtpd.err"));
    } catch (IOException e) {
      return "";
    }
  }
}
