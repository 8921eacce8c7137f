package io.vivace.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dslplatform.json.CompiledJson;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.config.ConfigException;
import io.vivace.json.Json;
import io.vivace.testing.TestServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The host hook {@code vivace dev} reloads apps through, in one JVM. */
class HostedTest {
  /** A type with a compile-time converter, loaded again by a version's loader below. */
  @CompiledJson
  public record Version(int n) {
  }

  @AfterEach
  void endHosting() {
    Hosted.end();
  }

  @Test
  void underAHostRunThrowsInsteadOfExitingAndStopAllStopsTheAppAndFreesItsPort() throws Exception {
    Hosted.begin(getClass().getClassLoader());
    App bad = Vivace.app(TestServer.options());
    bad.onValidate(config -> {
      throw new ConfigException("SOME_SETTING: expected a number, got \"x\"");
    });
    Hosted.StartFailure failure = assertThrows(Hosted.StartFailure.class, bad::run, "the JVM is the host's: no exit");
    assertEquals("vivace: invalid configuration: SOME_SETTING: expected a number, got \"x\"", failure.getMessage());

    App app = Vivace.app(TestServer.options());
    app.get("/version", () -> "one");
    app.run(); // returns once it listens; installs no signal handler
    assertEquals(1, Hosted.apps());
    assertNull(Hosted.awaitStarted(10_000));
    int port = app.port();
    assertArrayEquals(new int[] {port}, Hosted.ports());
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/version")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals("one", r.body());

    assertNull(Hosted.stopAll(10_000));
    assertEquals(0, Hosted.apps());
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", port)); // throws while the app still listens
    }
  }

  @Test
  void beginGivesTheJsonConvertersTheClassesOfTheVersionsLoader() throws Exception {
    URL classes = HostedTest.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader version = new VersionLoader(classes, HostedTest.class.getClassLoader())) {
      Class<?> type = version.loadClass(Version.class.getName());
      assertNotSame(Version.class, type, "another version of the class");
      Object value = type.getConstructor(int.class).newInstance(2);
      assertThrows(IllegalArgumentException.class, () -> Json.writerFor(type), "the JVM's converters know the other class");
      Hosted.begin(version);
      assertEquals("{\"n\":2}", new String(Json.toBytes(value), StandardCharsets.UTF_8));
    }
  }

  /** Loads {@link Version} and its converter itself, as {@code vivace dev} loads an app's classes. */
  private static final class VersionLoader extends URLClassLoader {
    VersionLoader(URL classes, ClassLoader parent) {
      super(new URL[] {classes}, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        boolean own = name.startsWith(Version.class.getName()) || name.startsWith("io.vivace.impl._HostedTest");
        Class<?> c = findLoadedClass(name);
        if (c == null && own) {
          c = findClass(name);
        }
        return c != null ? c : super.loadClass(name, resolve);
      }
    }
  }
}
