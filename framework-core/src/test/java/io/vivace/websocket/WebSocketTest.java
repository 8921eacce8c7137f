package io.vivace.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dslplatform.json.CompiledJson;
import io.vertx.core.buffer.Buffer;
import io.vivace.App;
import io.vivace.config.VivaceOptions;
import io.vivace.extract.Path;
import io.vivace.extract.Query;
import io.vivace.testing.PrometheusText;
import io.vivace.testing.TestServer;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WebSocket routes against a real server and real clients (the JDK's WebSocket client, raw
 * sockets for what a polite client never does): text, binary and JSON messages on the static and
 * router paths, extractors at upgrade time, 426, message size, ping keep-alive, a slow client.
 */
class WebSocketTest {
  @CompiledJson
  public record Move(String piece, int to) {
  }

  static TestServer server;
  static final CompletableFuture<Short> slowClosed = new CompletableFuture<>();
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    VivaceOptions options = TestServer.options().webSocket(new WebSocketOptions()
        .maxMessageSize(1024).maxFrameSize(1024).pingIntervalMs(200).maxBufferBytes(4096));
    server = TestServer.start(options, WebSocketTest::routes);
  }

  static void routes(App app) {
    app.ws("/echo", Query.string("token").check("secret"::equals, "the token"), (token, ws) -> {
      ws.onText(t -> ws.sendText("echo " + t));
      ws.onBinary(b -> ws.sendBinary(Buffer.buffer().appendBuffer(b).appendBuffer(b)));
    });
    app.ws("/rooms/:room", Path.string("room"), (room, ws) -> ws.sendText("welcome to " + room));
    app.ws("/moves", ws -> ws.onJson(Move.class, m -> ws.sendJson(new Move(m.piece(), m.to() + 1))));
    app.ws("/flood", ws -> {
      ws.onClose(slowClosed::complete);
      Buffer kib = Buffer.buffer(new byte[1024]); // each message fits the bound: only falling behind exceeds it
      long[] timer = new long[1];
      timer[0] = app.vertx().setPeriodic(1, t -> {
        for (int i = 0; i < 64; i++) {
          if (!ws.sendBinary(kib)) {
            app.vertx().cancelTimer(timer[0]);
            return;
          }
        }
      });
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Collects what a JDK WebSocket receives. */
  static final class Inbox implements WebSocket.Listener {
    final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private ByteBuffer bytes = ByteBuffer.allocate(0);

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        messages.add(text.toString());
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      ByteBuffer joined = ByteBuffer.allocate(bytes.remaining() + data.remaining()).put(bytes).put(data).flip();
      bytes = joined;
      if (last) {
        messages.add(bytes);
        bytes = ByteBuffer.allocate(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      closed.complete(status);
      return null;
    }

    Object next() throws InterruptedException {
      Object m = messages.poll(20, TimeUnit.SECONDS);
      assertTrue(m != null, "no message within 20 s");
      return m;
    }
  }

  static WebSocket connect(String path, Inbox inbox) throws Exception {
    return CLIENT.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port() + path), inbox)
        .get(20, TimeUnit.SECONDS);
  }

  @Test
  void textAndBinaryMessagesOnTheStaticPathWithAQueryToken() throws Exception {
    Inbox inbox = new Inbox();
    WebSocket ws = connect("/echo?token=secret", inbox);
    ws.sendText("hello", true).get(20, TimeUnit.SECONDS);
    assertEquals("echo hello", inbox.next());
    ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).get(20, TimeUnit.SECONDS);
    assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3, 1, 2, 3}), inbox.next());
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(20, TimeUnit.SECONDS);
    assertEquals(1000, inbox.closed.get(20, TimeUnit.SECONDS));
  }

  @Test
  void aRouteWithAPathParameterUpgradesThroughTheRouter() throws Exception {
    Inbox inbox = new Inbox();
    connect("/rooms/lobby", inbox);
    assertEquals("welcome to lobby", inbox.next());
  }

  @Test
  void jsonMessagesAreDecodedAndEncodedAndInvalidOnesClose1007() throws Exception {
    Inbox inbox = new Inbox();
    WebSocket ws = connect("/moves", inbox);
    ws.sendText("{\"piece\":\"knight\",\"to\":6}", true).get(20, TimeUnit.SECONDS);
    assertEquals("{\"piece\":\"knight\",\"to\":7}", inbox.next());
    ws.sendText("{not json", true).get(20, TimeUnit.SECONDS);
    assertEquals(1007, inbox.closed.get(20, TimeUnit.SECONDS));
  }

  @Test
  void aFailedExtractionIsTheProblemResponseAndNoUpgrade() throws Exception {
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> connect("/echo?token=wrong", new Inbox()));
    WebSocketHandshakeException h = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
    assertEquals(400, h.getResponse().statusCode());
    String body = String.valueOf(h.getResponse().body());
    assertTrue(body.contains("token"), body);
  }

  @Test
  void aPlainGetOfAWebSocketRouteIs426() {
    var r = server.get("/rooms/lobby");
    assertEquals(426, r.statusCode());
    assertEquals("websocket", r.headers().firstValue("upgrade").orElseThrow());
    assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("application/problem+json"));
  }

  @Test
  void aMessageOverTheLimitCloses1009() throws Exception {
    Inbox inbox = new Inbox();
    WebSocket ws = connect("/echo?token=secret", inbox);
    ws.sendText("x".repeat(600), false).get(20, TimeUnit.SECONDS);
    ws.sendText("y".repeat(600), true); // two frames under the frame bound, one message over the message bound
    assertEquals(1009, inbox.closed.get(20, TimeUnit.SECONDS));
  }

  @Test
  void theServerPingsAndClosesAClientThatNeverAnswers() throws Exception {
    try (Socket s = handshake("/rooms/quiet", 0)) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      int[] frame = readFrame(in); // the welcome text
      assertEquals(0x81, frame[0]);
      frame = readFrame(in);
      assertEquals(0x89, frame[0], "a ping");
      frame = readFrame(in); // no pong was sent: the next tick closes
      assertEquals(0x88, frame[0], "a close frame");
      assertEquals(1001, frame[1]);
    }
  }

  @Test
  void aClientThatFallsBehindIsClosed1013AndCounted() throws Exception {
    // no pings here: a silent client would be closed as gone (1001) before it is found slow
    VivaceOptions options = TestServer.options().webSocket(new WebSocketOptions().maxFrameSize(1024).pingIntervalMs(0)
        .maxBufferBytes(4096));
    try (TestServer quiet = TestServer.start(options, WebSocketTest::routes);
        Socket s = handshake(quiet.port(), "/flood", 4096)) {
      assertEquals((short) 1013, slowClosed.get(30, TimeUnit.SECONDS)); // never reads
      var samples = PrometheusText.parse(quiet.get("/metrics").body());
      assertEquals(1.0, PrometheusText.sum(samples, "vivace_ws_dropped_total"));
    }
  }

  /** An RFC 6455 handshake on a raw socket (the RFC's sample key); returns once the 101 head is read. */
  static Socket handshake(String path, int receiveBuffer) throws IOException {
    return handshake(server.port(), path, receiveBuffer);
  }

  static Socket handshake(int port, String path, int receiveBuffer) throws IOException {
    Socket s = new Socket();
    if (receiveBuffer > 0) {
      s.setReceiveBufferSize(receiveBuffer);
    }
    s.connect(new InetSocketAddress("127.0.0.1", port));
    s.setSoTimeout(20_000);
    s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    StringBuilder head = new StringBuilder();
    var in = s.getInputStream();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("closed during the handshake: " + head);
      }
      head.append((char) c);
    }
    assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
    return s;
  }

  /** One unmasked server frame: {first byte, close code or payload length}. */
  static int[] readFrame(DataInputStream in) throws IOException {
    int b0 = in.readUnsignedByte();
    int len = in.readUnsignedByte() & 0x7f;
    if (len == 126) {
      len = in.readUnsignedShort();
    } else if (len == 127) {
      len = (int) in.readLong();
    }
    byte[] payload = new byte[len];
    in.readFully(payload);
    int second = (b0 & 0x0f) == 8 && len >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : len;
    return new int[] {b0, second};
  }
}
