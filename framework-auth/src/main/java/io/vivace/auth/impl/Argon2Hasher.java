package io.vivace.auth.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vivace.auth.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** {@link PasswordHasher} on Bouncy Castle's {@link Argon2BytesGenerator}. Thread-safe. */
public final class Argon2Hasher implements PasswordHasher {
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODE = Base64.getDecoder();

  private final int memoryKib;
  private final int iterations;
  private final int parallelism;
  private final String prefix;
  private final SecureRandom random = new SecureRandom();

  public Argon2Hasher(int memoryKib, int iterations, int parallelism) {
    if (parallelism < 1 || iterations < 1 || memoryKib < 8 * parallelism) {
      throw new IllegalArgumentException("bad Argon2id cost m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism);
    }
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
    this.prefix = "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$";
  }

  @Override
  public Future<String> hash(Vertx vertx, String password) {
    return vertx.executeBlocking(() -> hashBlocking(password), false);
  }

  @Override
  public Future<Boolean> verify(Vertx vertx, String password, String phc) {
    return vertx.executeBlocking(() -> verifyBlocking(password, phc), false);
  }

  @Override
  public String hashBlocking(String password) {
    offLoop();
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
    return prefix + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
  }

  @Override
  public boolean verifyBlocking(String password, String phc) {
    offLoop();
    Phc p = Phc.parse(phc);
    if (p == null) {
      return false;
    }
    byte[] actual = derive(password, p.salt, p.memoryKib, p.iterations, p.parallelism, p.hash.length);
    return MessageDigest.isEqual(actual, p.hash); // constant time for equal lengths
  }

  @Override
  public boolean needsRehash(String phc) {
    return phc == null || !phc.startsWith(prefix);
  }

  private static void offLoop() {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("Argon2id hashing blocks for tens of ms: call hash()/verify(), not the blocking methods, on an event loop");
    }
  }

  private static byte[] derive(String password, byte[] salt, int m, int t, int p, int length) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(m).withIterations(t).withParallelism(p).withSalt(salt).build();
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(params);
    byte[] out = new byte[length];
    gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }

  /** A parsed {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}. */
  private static final class Phc {
    int memoryKib;
    int iterations;
    int parallelism;
    byte[] salt;
    byte[] hash;

    static Phc parse(String phc) {
      if (phc == null) {
        return null;
      }
      String[] parts = phc.split("\\$");
      if (parts.length != 6 || !parts[0].isEmpty() || !"argon2id".equals(parts[1]) || !"v=19".equals(parts[2])) {
        return null;
      }
      try {
        Phc p = new Phc();
        for (String kv : parts[3].split(",")) {
          int eq = kv.indexOf('=');
          int v = Integer.parseInt(kv.substring(eq + 1));
          switch (kv.substring(0, eq)) {
            case "m": p.memoryKib = v; break;
            case "t": p.iterations = v; break;
            case "p": p.parallelism = v; break;
            default: return null;
          }
        }
        p.salt = B64_DECODE.decode(parts[4]);
        p.hash = B64_DECODE.decode(parts[5]);
        boolean sane = p.parallelism >= 1 && p.parallelism <= 64 && p.iterations >= 1 && p.iterations <= 100
            && p.memoryKib >= 8 * p.parallelism && p.memoryKib <= (4 << 20) && p.salt.length >= 8 && p.hash.length >= 16;
        return sane ? p : null;
      } catch (RuntimeException e) {
        return null;
      }
    }
  }
}
