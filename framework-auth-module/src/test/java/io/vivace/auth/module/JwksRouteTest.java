package io.vivace.auth.module;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.auth.Auth;
import io.vivace.auth.AuthOptions;
import io.vivace.auth.throttle.ThrottleStore;
import io.vivace.db.Database;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An app that mounts the module serves GET /.well-known/jwks.json with every key and its kid; login tokens carry that kid. */
class JwksRouteTest {

  static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  static String headerKid(Object token) {
    String header = new String(Base64.getUrlDecoder().decode(((String) token).split("\\.")[0]), StandardCharsets.UTF_8);
    return (String) JsonTree.object(header).get("kid");
  }

  @Test
  void es256WithTwoKeysPublishesBothAndSignsWithTheFirst() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair current = g.generateKeyPair();
    KeyPair previous = g.generateKeyPair();
    DatabaseUrl url = TestDatabase.fresh();
    App app = Vivace.app(TestServer.options());
    Database db = Database.attach(app, new DbOptions().url(url).migrate(false));
    Auth auth = Auth.attach(app, new AuthOptions().algorithm(AuthOptions.Algorithm.ES256)
        .publicKeyPem(pem("PUBLIC KEY", current.getPublic().getEncoded()) + pem("PUBLIC KEY", previous.getPublic().getEncoded()))
        .privateKeyPem(pem("PRIVATE KEY", current.getPrivate().getEncoded())).argon2(1024, 1, 1));
    AuthModule.mount(app, db, auth, "/api/auth", ThrottleStore.inProcess(auth.clock()));
    TestServer server = TestServer.started(app);
    try {
      HttpResponse<String> jwks = server.get("/.well-known/jwks.json");
      assertEquals(200, jwks.statusCode(), jwks.body());
      assertEquals("application/jwk-set+json", jwks.headers().firstValue("content-type").orElse(null));
      List<?> keys = (List<?>) JsonTree.object(jwks.body()).get("keys");
      assertEquals(2, keys.size());
      String creds = "{\"email\":\"keys@example.com\",\"password\":\"long enough password\"}";
      assertEquals(201, server.postJson("/api/auth/signup", creds).statusCode());
      Map<String, Object> pair = JsonTree.object(server.postJson("/api/auth/login", creds).body());
      assertEquals(((Map<?, ?>) keys.get(0)).get("kid"), headerKid(pair.get("accessToken")), "the first key signs");
      assertEquals("ES256", ((Map<?, ?>) keys.get(1)).get("alg"));
    } finally {
      TestDatabase.closeAndDrop(server, url);
    }
  }
}
