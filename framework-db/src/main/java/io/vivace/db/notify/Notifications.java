package io.vivace.db.notify;

import io.vertx.core.Future;
import io.vivace.App;
import io.vivace.db.Database;
import io.vivace.db.Sql;
import io.vivace.db.notify.impl.NotificationsImpl;
import java.util.function.Consumer;

/**
 * PostgreSQL {@code LISTEN}/{@code NOTIFY} fan-out: one listening connection per app instance,
 * whatever the number of subscribers, each notification handed to every in-process subscriber
 * of its channel on the subscriber's own event loop. Because PostgreSQL delivers a notification
 * to every session listening on its channel, instances of an app on the same database see each
 * other's notifications with nothing else added.
 *
 * <pre>{@code
 * Notifications notifications = Notifications.of(app, db);
 * notifications.listen("comments", payload -> ...);   // on this event loop; completes once listening
 * db.inTransaction(tx -> insert(tx).compose(c -> notifications.notify(tx, "comments", json(c)))); // sent at commit
 * }</pre>
 *
 * <p><b>Connection.</b> The listener connects when the app starts (after the database) and, when
 * the connection is lost, reconnects with a backoff from 100 ms doubling to 5 s, without end, and
 * sends {@code LISTEN} again for every channel that has subscribers. Notifications sent while it
 * is disconnected are lost (PostgreSQL keeps none for an absent listener): a subscriber that must
 * not miss any re-reads what it needs after a gap.
 *
 * <p><b>Payload.</b> PostgreSQL refuses payloads of 8000 bytes or more; {@link #notify} refuses them
 * first, with an {@link IllegalArgumentException} naming the channel and the size. Send an id and
 * let subscribers read the row when the data may be larger.
 *
 * <p>Channels are identifiers: 1 to 63 of {@code a-z 0-9 _}, not starting with a digit (else
 * {@link IllegalArgumentException}). Thread-safe.
 */
public interface Notifications {
  /** PostgreSQL's limit: a payload is shorter than 8000 bytes (UTF-8). */
  int MAX_PAYLOAD_BYTES = 7999;

  /** The app's notifications on {@code db} (one per app, an {@link App#component}); declare before the app starts. */
  static Notifications of(App app, Database db) {
    return app.component(Notifications.class, a -> NotificationsImpl.attach(a, db));
  }

  /**
   * Subscribes {@code handler} to {@code channel}: it gets each payload sent there from now on, on
   * the event loop of the caller's Vert.x context (any event loop of the app when called from no
   * context), in the order PostgreSQL delivered them. The first subscriber of a channel makes the
   * listener send {@code LISTEN}.
   *
   * @return completes once the channel's {@code LISTEN} is acknowledged (at once for a channel
   *     already listened to): from then on nothing sent on it is missed while connected
   * @throws IllegalArgumentException for a channel that is not a plain identifier
   * @throws IllegalStateException before the app started
   */
  Future<Subscription> listen(String channel, Consumer<String> handler);

  /**
   * Sends {@code payload} on {@code channel} ({@code pg_notify}) outside any transaction.
   *
   * @return fails with {@link IllegalArgumentException} when the payload is 8000 bytes or more
   *     (nothing is sent), or with the database's failure
   */
  Future<Void> notify(String channel, String payload);

  /**
   * Sends {@code payload} on {@code channel} in the transaction {@code tx}: PostgreSQL delivers it
   * when the transaction commits, and never if it rolls back.
   *
   * @return as {@link #notify(String, String)}
   */
  Future<Void> notify(Sql tx, String channel, String payload);

  /** Whether the listening connection is up now. */
  boolean connected();
}
