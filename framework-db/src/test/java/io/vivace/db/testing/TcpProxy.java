package io.vivace.db.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on a loopback port in front of a real server, so a test can take that server away
 * ({@link #cut()}: open connections are closed and new ones refused) and bring it back
 * ({@link #restore()}, same port). Blocking threads; for tests only. Thread-safe.
 */
public final class TcpProxy implements AutoCloseable {
  private final String targetHost;
  private volatile int targetPort;
  private final int port;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile ServerSocket server;

  public TcpProxy(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.port = s.getLocalPort();
    listen(s);
  }

  /** The loopback port clients connect to. */
  public int port() {
    return port;
  }

  /** Closes every connection and stops accepting: clients see resets, then refusals. */
  public synchronized void cut() throws IOException {
    ServerSocket s = server;
    server = null;
    if (s != null) {
      s.close();
    }
    for (Socket socket : open) {
      socket.close();
    }
    open.clear();
  }

  /** Sends new connections to another port of the target host (a restarted server). */
  public void retarget(int port) {
    this.targetPort = port;
  }

  /** Accepts connections again, on the same port. */
  public synchronized void restore() throws IOException {
    if (server == null) {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      listen(s);
    }
  }

  private void listen(ServerSocket s) {
    server = s;
    Thread acceptor = new Thread(() -> {
      while (!s.isClosed()) {
        Socket client;
        try {
          client = s.accept();
        } catch (IOException e) {
          continue; // closed by cut(): the loop ends
        }
        try {
          Socket upstream = new Socket(targetHost, targetPort);
          open.add(client);
          open.add(upstream);
          pump(client, upstream);
          pump(upstream, client);
        } catch (IOException e) {
          try {
            client.close(); // the target refused: so does the proxy, at once
          } catch (IOException ignored) {
            // already closed
          }
        }
      }
    }, "tcp-proxy-accept-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private static void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // either side closed
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException ignored) {
          // already closed
        }
      }
    }, "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    cut();
  }
}
