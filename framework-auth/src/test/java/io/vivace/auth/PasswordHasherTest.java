package io.vivace.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Argon2id in PHC format, verified in constant time, never on an event loop. */
class PasswordHasherTest {
  static final Vertx vertx = Vertx.vertx();
  // A small cost keeps the test fast; the format and the code path are the same.
  final PasswordHasher hasher = PasswordHasher.argon2id(new AuthOptions().argon2(1024, 1, 1));

  @AfterAll
  static void close() {
    vertx.close();
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  void hashesArePhcStringsThatVerify() {
    String phc = hasher.hashBlocking("correct horse battery staple");
    assertTrue(phc.matches("\\$argon2id\\$v=19\\$m=1024,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), phc);
    assertTrue(hasher.verifyBlocking("correct horse battery staple", phc));
    assertFalse(hasher.verifyBlocking("correct horse battery stapler", phc));
    assertNotEquals(phc, hasher.hashBlocking("correct horse battery staple"), "a fresh salt every time");
    assertFalse(hasher.needsRehash(phc));
    assertTrue(PasswordHasher.argon2id(new AuthOptions().argon2(2048, 1, 1)).needsRehash(phc));
    assertTrue(PasswordHasher.argon2id(new AuthOptions().argon2(2048, 1, 1)).verifyBlocking("correct horse battery staple", phc),
        "a stored hash carries its own parameters");
  }

  @Test
  void malformedHashesNeverMatch() {
    for (String bad : new String[] {null, "", "plain", "$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "$argon2id$v=16$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA", "$argon2id$v=19$m=x$a$b",
        "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA"}) {
      assertFalse(hasher.verifyBlocking("password", bad), bad);
    }
  }

  @Test
  void matchesAnIndependentArgon2idComputation() {
    byte[] salt = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    Argon2BytesGenerator g = new Argon2BytesGenerator();
    g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(64).withIterations(2).withParallelism(1).withSalt(salt).build());
    byte[] out = new byte[32];
    g.generateBytes("pw".getBytes(java.nio.charset.StandardCharsets.UTF_8), out);
    java.util.Base64.Encoder b64 = java.util.Base64.getEncoder().withoutPadding();
    String phc = "$argon2id$v=19$m=64,t=2,p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(out);
    assertTrue(hasher.verifyBlocking("pw", phc));
    assertFalse(hasher.verifyBlocking("pW", phc));
  }

  /**
   * Hashes made by the reference implementation (phc-winner-argon2's {@code argon2} tool, Debian's
   * package {@code argon2}: {@code echo -n "correct horse battery staple" | argon2 vivace-salt-0001
   * -id -t 2 -m 10 -p 1 -l 32 -e}, and {@code vivace-salt-0002 -id -t 3 -m 12 -p 4}) verify, whatever
   * this hasher's own cost: stored hashes keep verifying across costs and implementations.
   */
  @Test
  void verifiesHashesOfTheReferenceImplementation() {
    for (String phc : new String[] {
        "$argon2id$v=19$m=1024,t=2,p=1$dml2YWNlLXNhbHQtMDAwMQ$KbFMyZFbaGpu3LLGCH1au30fPLXqoZzOdtW4vW2Wd6Q",
        "$argon2id$v=19$m=4096,t=3,p=4$dml2YWNlLXNhbHQtMDAwMg$ob9yKolzCvwz4GtQUqszYuFfv++9drK757gGhZKdLPI"}) {
      assertTrue(hasher.verifyBlocking("correct horse battery staple", phc), phc);
      assertFalse(hasher.verifyBlocking("correct horse battery stapl", phc), phc);
      assertTrue(hasher.needsRehash(phc), "another cost than this hasher's");
    }
  }

  /** The Argon2id test vector of RFC 9106 section 5.3 (with secret and associated data), through the library used. */
  @Test
  void theLibraryComputesTheRfc9106TestVector() {
    Argon2BytesGenerator g = new Argon2BytesGenerator();
    g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(32).withIterations(3).withParallelism(4).withSalt(filled(16, 0x02)).withSecret(filled(8, 0x03))
        .withAdditional(filled(12, 0x04)).build());
    byte[] tag = new byte[32];
    g.generateBytes(filled(32, 0x01), tag);
    assertEquals("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659", java.util.HexFormat.of().formatHex(tag));
  }

  static byte[] filled(int length, int value) {
    byte[] b = new byte[length];
    java.util.Arrays.fill(b, (byte) value);
    return b;
  }

  @Test
  void hashingRunsOffTheEventLoop() throws Exception {
    Context loop = vertx.getOrCreateContext();
    CompletableFuture<String> threads = new CompletableFuture<>();
    loop.runOnContext(v -> {
      String caller = Thread.currentThread().getName();
      IllegalStateException refused = assertThrows(IllegalStateException.class, () -> hasher.hashBlocking("pw"));
      assertTrue(refused.getMessage().contains("event loop"));
      assertThrows(IllegalStateException.class, () -> hasher.verifyBlocking("pw", "$argon2id$..."));
      hasher.hash(vertx, "a long enough password")
          .compose(phc -> hasher.verify(vertx, "a long enough password", phc))
          .onComplete(ok -> threads.complete(caller + " " + ok.result() + " " + Context.isOnEventLoopThread()
              + " " + (Thread.currentThread().getName().equals(caller))));
    });
    String[] got = threads.get(20, TimeUnit.SECONDS).split(" ");
    assertTrue(got[0].startsWith("vert.x-eventloop-thread"), got[0]);
    assertEquals("true", got[1], "verified");
    assertEquals("true", got[2], "the result comes back on the event loop");
    assertEquals("true", got[3], "on the caller's own loop");
  }
}
