package io.vivace.db.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.db.Database;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LISTEN/NOTIFY against a real PostgreSQL with two app instances on one database: fan-out to
 * subscribers on their own event loops, across instances, at commit only, the payload bound, and
 * re-LISTEN after the listening connection is killed.
 */
class NotificationsTest {
  static DatabaseUrl url;
  static Instance a;
  static Instance b;

  record Instance(TestServer server, Database db, Notifications notifications) {
    static Instance start(DatabaseUrl url) {
      App app = Vivace.app(TestServer.options());
      Database db = Database.attach(app, new DbOptions().url(url).migrate(false));
      Notifications n = Notifications.of(app, db);
      return new Instance(TestServer.started(app), db, n);
    }

    Vertx vertx() {
      return server.app().vertx();
    }
  }

  @BeforeAll
  static void start() {
    url = TestDatabase.fresh();
    a = Instance.start(url);
    b = Instance.start(url);
  }

  @AfterAll
  static void stop() {
    b.server().close();
    TestDatabase.closeAndDrop(a.server(), url);
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  /** Subscribes on a context of its own; records (context matched?, payload). */
  static Subscription listenOn(Context context, String channel, LinkedBlockingQueue<String> inbox) throws Exception {
    CompletableFuture<Subscription> made = new CompletableFuture<>();
    context.runOnContext(v -> b.notifications().listen(channel, payload ->
        inbox.add((Vertx.currentContext() == context ? "own loop: " : "ELSEWHERE: ") + payload))
        .onComplete(made::complete, made::completeExceptionally));
    return made.get(20, TimeUnit.SECONDS);
  }

  @Test
  void aNotificationFromOneInstanceReachesEverySubscriberOfTheOtherOnItsOwnLoop() throws Exception {
    List<LinkedBlockingQueue<String>> inboxes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      LinkedBlockingQueue<String> inbox = new LinkedBlockingQueue<>();
      listenOn(b.vertx().getOrCreateContext(), "fanout", inbox);
      inboxes.add(inbox);
    }
    await(a.notifications().notify("fanout", "hello"));
    for (LinkedBlockingQueue<String> inbox : inboxes) {
      assertEquals("own loop: hello", inbox.poll(20, TimeUnit.SECONDS));
    }
  }

  @Test
  void aNotificationInATransactionIsDeliveredAtCommitAndNeverAfterARollback() throws Exception {
    LinkedBlockingQueue<String> inbox = new LinkedBlockingQueue<>();
    listenOn(b.vertx().getOrCreateContext(), "tx", inbox);
    Future<Void> rolledBack = a.db().inTransaction(tx -> a.notifications().notify(tx, "tx", "rolled back")
        .compose(v -> Future.failedFuture(new IllegalStateException("roll back"))));
    assertThrows(ExecutionException.class, () -> await(rolledBack));
    await(a.db().inTransaction(tx -> a.notifications().notify(tx, "tx", "committed")));
    assertEquals("own loop: committed", inbox.poll(20, TimeUnit.SECONDS));
    await(a.notifications().notify("tx", "after"));
    assertEquals("own loop: after", inbox.poll(20, TimeUnit.SECONDS), "nothing of the rolled-back transaction in between");
  }

  @Test
  void aPayloadOf8000BytesIsRefusedBeforeItIsSentAndOneOf7999Arrives() throws Exception {
    LinkedBlockingQueue<String> inbox = new LinkedBlockingQueue<>();
    listenOn(b.vertx().getOrCreateContext(), "sizes", inbox);
    ExecutionException e = assertThrows(ExecutionException.class, () -> await(a.notifications().notify("sizes", "x".repeat(8000))));
    IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, e.getCause());
    assertTrue(cause.getMessage().contains("8000 bytes") && cause.getMessage().contains("sizes"), cause.getMessage());
    assertThrows(ExecutionException.class, () -> await(a.notifications().notify("sizes", "€".repeat(2667)))); // 8001 bytes
    String largest = "y".repeat(Notifications.MAX_PAYLOAD_BYTES);
    await(a.notifications().notify("sizes", largest));
    assertEquals("own loop: " + largest, inbox.poll(20, TimeUnit.SECONDS));
    assertNull(inbox.poll(200, TimeUnit.MILLISECONDS), "the refused ones never arrived");
  }

  @Test
  void channelNamesArePlainIdentifiers() {
    assertThrows(IllegalArgumentException.class, () -> b.notifications().listen("Bad-Name", p -> { }));
    assertThrows(IllegalArgumentException.class, () -> b.notifications().listen("1abc", p -> { }));
    assertThrows(IllegalArgumentException.class, () -> b.notifications().listen("x".repeat(64), p -> { }));
  }

  @Test
  void afterTheListeningConnectionIsKilledItReconnectsAndListensAgain() throws Exception {
    LinkedBlockingQueue<String> inbox = new LinkedBlockingQueue<>();
    Context own = b.vertx().getOrCreateContext();
    listenOn(own, "again", inbox);
    await(a.notifications().notify("again", "before"));
    assertEquals("own loop: before", inbox.poll(20, TimeUnit.SECONDS));

    int killed = await(a.db().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        + " WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()", Tuple.tuple()));
    assertTrue(killed >= 1, "the listeners' connections were found");

    // notifications sent while it is away are lost; keep sending until one arrives (deadline)
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String got = null;
    int n = 0;
    while (got == null && System.nanoTime() < deadline) {
      await(a.notifications().notify("again", "after " + n++));
      got = inbox.poll(100, TimeUnit.MILLISECONDS);
    }
    assertTrue(got != null && got.startsWith("own loop: after "), String.valueOf(got));
    assertTrue(b.notifications().connected());
    assertSame(b.notifications(), Notifications.of(b.server().app(), b.db()), "one per app");
  }
}
