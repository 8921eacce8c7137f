package io.vivace.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A raw TLS socket that trusts any certificate, to read what the server presents and send raw bytes. */
final class TlsClients {
  private TlsClients() {
  }

  static SSLSocket connect(int port) throws Exception {
    return connect(port, null);
  }

  /** A handshaken connection offering {@code alpn} (null: no ALPN). */
  static SSLSocket connect(int port, String alpn) throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port);
    s.setSoTimeout(20_000);
    if (alpn != null) {
      javax.net.ssl.SSLParameters params = s.getSSLParameters();
      params.setApplicationProtocols(new String[] {alpn});
      s.setSSLParameters(params);
    }
    s.startHandshake();
    return s;
  }

  /** The subject of the certificate a new connection to {@code port} is shown. */
  static String subject(int port) throws Exception {
    try (SSLSocket s = connect(port)) {
      return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
    }
  }

  /** Sends {@code raw} over a new TLS connection and reads until the server closes it (20 s at most). */
  static String exchange(int port, String raw) throws Exception {
    try (SSLSocket s = connect(port)) {
      s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[4096];
      try {
        for (int n; (n = in.read(buf)) > 0; ) {
          out.write(buf, 0, n);
        }
      } catch (IOException closed) {
        // a reset after the answer
      }
      return out.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
