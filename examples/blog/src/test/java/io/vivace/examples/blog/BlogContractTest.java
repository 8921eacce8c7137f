package io.vivace.examples.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vivace.auth.AuthOptions;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.OpenApiCheck;
import io.vivace.testing.OpenApiWalker;
import io.vivace.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The blog against its own document: Prism, a validating proxy, sits in front of the running blog
 * while every operation is requested once (with a real token from signup and login); no answer is
 * a 5xx and none breaks the document (Prism's {@code sl-violations}).
 */
class BlogContractTest {

  @Test
  void everyOperationThroughPrismKeepsTheContract() throws Exception {
    DatabaseUrl url = TestDatabase.fresh();
    // the signup limit per client address is shared (through Redis) with every other test signing up from 127.0.0.1
    AuthOptions auth = new AuthOptions().secret("blog-contract-secret-0123456789abcdef0123456789").argon2(1024, 1, 1)
        .signupLimit(10_000, 1);
    TestServer server = TestServer.started(BlogApp.create(TestServer.options(), new DbOptions().url(url), new Seed(3, 5, 10), auth));
    Process prism = null;
    try {
      JsonObject doc = OpenApiCheck.completeDocument(server);
      Path file = OpenApiCheck.write(doc, "blog-contract");
      OpenApiCheck.Proxy proxy = OpenApiCheck.prism(file, "http://127.0.0.1:" + server.port());
      prism = proxy.process();
      String base = "http://127.0.0.1:" + proxy.port();
      assertEquals(201, server.postJson("/auth/signup", "{\"email\":\"contract@example.com\",\"password\":\"a long password\"}")
          .statusCode());
      String login = server.postJson("/auth/login", "{\"email\":\"contract@example.com\",\"password\":\"a long password\"}").body();
      String token = new JsonObject(login).getString("accessToken");
      OpenApiWalker walker = new OpenApiWalker(doc);
      List<String> problems = walker.walk(base, token, Map.of("id", "1"));
      assertTrue(problems.isEmpty(), "through Prism:\n" + String.join("\n", problems));
      System.out.println("through Prism: " + walker.answered());
      assertEquals(doc.getJsonObject("paths").stream().mapToInt(e -> ((JsonObject) e.getValue()).size()).sum(),
          walker.answered().size(), "one request per operation");
      // the walk really went through: reads, an authenticated write with the token, the auth module
      for (String expected : List.of("GET /posts 200", "GET /posts/{id} 200", "POST /posts 201", "GET /auth/me 200",
          "POST /auth/signup 201", "POST /auth/login 200")) {
        assertTrue(walker.answered().contains(expected), expected + " in " + walker.answered());
      }
    } finally {
      if (prism != null) {
        prism.destroy();
      }
      TestDatabase.closeAndDrop(server, url);
    }
  }
}
