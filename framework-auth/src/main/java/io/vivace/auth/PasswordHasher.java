package io.vivace.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vivace.auth.impl.Argon2Hasher;

/**
 * Argon2id password hashing (RFC 9106) with Bouncy Castle, in the PHC string format
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (unpadded base64, 16-byte salt, 32-byte
 * hash). The cost comes from {@link AuthOptions} ({@code ARGON2_*}); a stored hash carries its own
 * parameters, so raising the cost later still verifies old hashes ({@link #needsRehash} tells
 * which to redo). Verification compares in constant time.
 *
 * <p>Hashing takes tens of milliseconds and memory on purpose: {@link #hash} and {@link #verify}
 * run it on Vert.x's worker pool and complete on the caller's context; the {@code *Blocking}
 * methods refuse to run on an event loop ({@link IllegalStateException}). Thread-safe.
 */
public interface PasswordHasher {

  /** A hasher with the Argon2id cost of {@code options}. */
  static PasswordHasher argon2id(AuthOptions options) {
    return new Argon2Hasher(options.argon2MemoryKib(), options.argon2Iterations(), options.argon2Parallelism());
  }

  /** The PHC string of {@code password} with a fresh random salt, computed off the event loop. */
  Future<String> hash(Vertx vertx, String password);

  /**
   * Whether {@code password} matches {@code phc}, computed off the event loop; false (not a
   * failure) for a malformed or non-Argon2id {@code phc}.
   */
  Future<Boolean> verify(Vertx vertx, String password, String phc);

  /** {@link #hash} on the calling thread. @throws IllegalStateException on an event loop */
  String hashBlocking(String password);

  /** {@link #verify} on the calling thread. @throws IllegalStateException on an event loop */
  boolean verifyBlocking(String password, String phc);

  /** Whether {@code phc} was made with other parameters than this hasher's (rehash at the next login). */
  boolean needsRehash(String phc);
}
