package io.vivace.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.config.ConfigException;
import io.vivace.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Auth configured from the environment is read and checked when the app starts. */
class AuthStartupTest {

  @Test
  void aTooShortSecretFailsTheStartNamingIt() throws Exception {
    System.setProperty("vivace.jwt-secret", "short");
    try {
      App app = Vivace.app(TestServer.options());
      Auth auth = Auth.attach(app);
      app.get("/me", auth.user(), AuthUser::id);
      assertThrows(IllegalStateException.class, auth::jwt, "not configured before start");
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> app.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
      assertTrue(e.getCause() instanceof ConfigException, String.valueOf(e.getCause()));
      assertTrue(e.getCause().getMessage().startsWith("JWT_SECRET is too short: 5 bytes"), e.getCause().getMessage());
      app.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      System.clearProperty("vivace.jwt-secret");
    }
  }

  @Test
  void aGoodSecretFromTheEnvironmentProtectsRoutes() {
    System.setProperty("vivace.jwt-secret", JwtTest.SECRET);
    try (TestServer server = TestServer.start(app -> {
      Auth auth = Auth.attach(app);
      app.get("/me", auth.user(), AuthUser::id);
    })) {
      String token = Jwt.create(new AuthOptions().secret(JwtTest.SECRET)).issue("7", List.of(), Map.of());
      assertEquals("7", server.send(java.net.http.HttpRequest.newBuilder(server.uri("/me"))
          .header("Authorization", "Bearer " + token)).body());
      assertEquals(401, server.get("/me").statusCode());
    } finally {
      System.clearProperty("vivace.jwt-secret");
    }
  }
}
