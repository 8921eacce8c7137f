package io.vivace.db.notify;

/** A subscriber of a channel ({@link Notifications#listen}). */
public interface Subscription {

  /** Stops the deliveries to this subscriber; payloads already on their way to its event loop may still arrive. Idempotent, any thread. */
  void cancel();
}
