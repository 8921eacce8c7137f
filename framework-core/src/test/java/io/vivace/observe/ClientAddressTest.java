package io.vivace.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.config.Config;
import io.vivace.config.ConfigException;
import io.vivace.config.VivaceOptions;
import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The client's address behind trusted proxies (RFC 7239 Forwarded, X-Forwarded-For) on a real server. */
class ClientAddressTest {
  static TestServer start(VivaceOptions options, String... trusted) {
    return TestServer.start(options.observe(new ObserveOptions().trustedProxies(trusted)), app -> {
      app.get("/ip", ClientAddress.extractor(), ip -> String.valueOf(ip));
      app.get("/routed/:x", io.vivace.extract.Path.string("x"), ClientAddress.extractor(), (x, ip) -> String.valueOf(ip));
    });
  }

  /** The body of GET {@code path} with {@code headers} (each a full header line). */
  static String ip(TestServer server, String path, String... headers) throws Exception {
    try (RawHttp raw = server.raw()) {
      raw.write("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + String.join("", headers) + "\r\n");
      RawHttp.Response r = raw.readOne();
      assertEquals(200, r.status(), "never a 5xx (nor any error) for a forwarding header: " + List.of(headers));
      return r.body();
    }
  }

  @Test
  void fromATrustedPeerTheHeadersNameTheClient() throws Exception {
    try (TestServer server = start(TestServer.options(), "127.0.0.1", "10.0.0.0/8", "2001:db8:ffff::/48")) {
      for (String path : List.of("/ip", "/routed/a")) {
        assertEquals("127.0.0.1", ip(server, path), "no header: the peer");
        assertEquals("203.0.113.7", ip(server, path, "X-Forwarded-For: 203.0.113.7\r\n"));
        assertEquals("203.0.113.7", ip(server, path, "X-Forwarded-For: 198.51.100.1, 203.0.113.7, 10.0.0.2\r\n"),
            "walked from the right, trusted proxies skipped, the first untrusted hop is the client");
        assertEquals("198.51.100.1", ip(server, path, "X-Forwarded-For: 198.51.100.1\r\n", "X-Forwarded-For: 10.1.2.3\r\n"),
            "several header fields are one list");
        assertEquals("203.0.113.9", ip(server, path, "X-Forwarded-For: 203.0.113.9:4711\r\n"));
        assertEquals("2001:db8::1", ip(server, path, "X-Forwarded-For: 2001:db8::1\r\n"));
        assertEquals("192.0.2.60", ip(server, path, "Forwarded: for=192.0.2.60;proto=http;by=203.0.113.43, for=10.1.1.1\r\n"));
        assertEquals("2001:db8:cafe::17", ip(server, path, "Forwarded: For=\"[2001:db8:cafe::17]:4711\"\r\n"));
        assertEquals("2001:db8:cafe::17", ip(server, path,
            "Forwarded: for=\"[2001:db8:cafe::17]\", for=\"[2001:db8:ffff::5]:80\";proto=https\r\n"));
        assertEquals("192.0.2.43", ip(server, path, "Forwarded: for=192.0.2.43\r\n", "X-Forwarded-For: 198.51.100.9\r\n"),
            "Forwarded wins over X-Forwarded-For");
        assertEquals("10.0.0.1", ip(server, path, "Forwarded: for=10.0.0.1\r\n"), "every hop trusted: the farthest one");
      }
    }
  }

  @Test
  void unknownAndMalformedHopsNeverFailTheRequest() throws Exception {
    try (TestServer server = start(TestServer.options(), "127.0.0.0/8", "10.0.0.0/8")) {
      assertEquals("10.0.0.7", ip(server, "/ip", "Forwarded: for=unknown, for=10.0.0.7\r\n"),
          "an unknown hop stops the walk at the nearest known one");
      assertEquals("127.0.0.1", ip(server, "/ip", "Forwarded: for=_hidden\r\n"), "an obfuscated node");
      assertEquals("127.0.0.1", ip(server, "/ip", "Forwarded: for=\"[2001:db8::1]:80\r\n"), "an unterminated quote: ignored");
      assertEquals("127.0.0.1", ip(server, "/ip", "Forwarded: for\r\n"), "a pair without '='");
      assertEquals("127.0.0.1", ip(server, "/ip", "Forwarded: for=\"1.2.3.4\"x\r\n"));
      assertEquals("127.0.0.1", ip(server, "/ip", "Forwarded: for=[2001:db8::1\r\n"));
      assertEquals("127.0.0.1", ip(server, "/ip", "Forwarded: for=1.2.3.4:port\r\n"));
      assertEquals("127.0.0.1", ip(server, "/ip", "Forwarded: for=999.1.1.1\r\n"));
      assertEquals("127.0.0.1", ip(server, "/ip", "Forwarded: ;;,,\r\n"), "no for= at all: the peer");
      assertEquals("127.0.0.1", ip(server, "/ip", "X-Forwarded-For: not-an-ip\r\n"));
      assertEquals("127.0.0.1", ip(server, "/ip", "X-Forwarded-For: ,\r\n"));
      assertEquals("127.0.0.1", ip(server, "/ip", "X-Forwarded-For: " + "1.".repeat(2000) + "\r\n"));
      assertEquals("203.0.113.5", ip(server, "/ip", "X-Forwarded-For: garbage, 203.0.113.5\r\n"),
          "what stands left of the client does not matter");
    }
  }

  @Test
  void fromAnUntrustedPeerTheHeadersAreIgnored() throws Exception {
    try (TestServer server = start(TestServer.options(), "10.0.0.0/8")) {
      assertEquals("127.0.0.1", ip(server, "/ip", "X-Forwarded-For: 203.0.113.7\r\n"));
      assertEquals("127.0.0.1", ip(server, "/ip", "Forwarded: for=203.0.113.7\r\n"));
    }
    try (TestServer server = TestServer.start(app -> app.get("/ip", ClientAddress.extractor(), ip -> ip))) {
      assertEquals("127.0.0.1", ip(server, "/ip", "X-Forwarded-For: 203.0.113.7\r\n"), "no trusted proxies by default");
    }
  }

  @Test
  void anIpv6PeerIsMatchedAgainstIpv6Networks() throws Exception {
    // Runs everywhere (CI machines have ::1); a machine without it fails here, naming why, rather than skipping.
    assertTrue(ipv6Loopback(), "this test needs an IPv6 loopback (::1) on the machine");
    try (TestServer server = start(TestServer.options().host("::1"), "::1/128")) {
      try (RawHttp raw = new RawHttp("::1", server.port())) {
        raw.write("GET /ip HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 2001:db8::42\r\n\r\n");
        assertEquals("2001:db8::42", raw.readOne().body());
      }
      try (RawHttp raw = new RawHttp("::1", server.port())) {
        raw.write("GET /ip HTTP/1.1\r\nHost: x\r\n\r\n");
        byte[] peer = InetAddress.getByName(raw.readOne().body()).getAddress();
        assertEquals(16, peer.length);
        assertTrue(InetAddress.getByAddress(peer).isLoopbackAddress());
      }
    }
  }

  @Test
  void aBadCidrIsAConfigErrorNamingTheSetting() {
    for (String bad : List.of("10.0.0.0/33", "::1/129", "10.0.0/8", "example.com", "10.0.0.0/x", "1.2.3.4/-1")) {
      Properties p = new Properties();
      p.setProperty("vivace.trusted-proxies", "127.0.0.1, " + bad);
      ConfigException e = assertThrows(ConfigException.class, () -> ObserveOptions.from(new Config(Map.of(), p)), bad);
      assertTrue(e.getMessage().contains("VIVACE_TRUSTED_PROXIES"), e.getMessage());
    }
    Properties ok = new Properties();
    ok.setProperty("vivace.trusted-proxies", " 10.0.0.0/8 ,192.168.1.1, ::1/128, fd00::/8, ::ffff:10.0.0.0/104");
    assertEquals(5, ObserveOptions.from(new Config(Map.of(), ok)).trustedProxies().size());
    assertThrows(IllegalArgumentException.class, () -> new ObserveOptions().trustedProxies("10.0.0.0/99"));
  }

  @Test
  void networksMatchByPrefix() {
    io.vivace.observe.impl.Cidrs nets = io.vivace.observe.impl.Cidrs.of(
        List.of("10.0.0.0/8", "192.168.1.128/25", "2001:db8::/32", "::ffff:172.16.0.0/108"));
    assertTrue(nets.contains(io.vivace.observe.impl.Cidrs.bytes("10.255.1.2")));
    assertTrue(nets.contains(io.vivace.observe.impl.Cidrs.bytes("192.168.1.200")));
    assertTrue(!nets.contains(io.vivace.observe.impl.Cidrs.bytes("192.168.1.100")));
    assertTrue(nets.contains(io.vivace.observe.impl.Cidrs.bytes("2001:db8:1::9")));
    assertTrue(!nets.contains(io.vivace.observe.impl.Cidrs.bytes("2001:db9::1")));
    assertTrue(nets.contains(io.vivace.observe.impl.Cidrs.bytes("172.16.5.5")), "a mapped network matches IPv4");
    assertTrue(nets.contains(io.vivace.observe.impl.Cidrs.bytes("::ffff:10.1.1.1")), "a mapped address matches IPv4");
    assertTrue(!nets.contains(io.vivace.observe.impl.Cidrs.bytes("11.0.0.1")));
  }

  private static boolean ipv6Loopback() {
    try {
      NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getByName("::1"));
      return lo != null;
    } catch (Exception e) {
      return false;
    }
  }
}
