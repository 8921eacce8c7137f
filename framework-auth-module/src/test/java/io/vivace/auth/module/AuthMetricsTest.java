package io.vivace.auth.module;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.auth.Auth;
import io.vivace.auth.AuthOptions;
import io.vivace.auth.MutableClock;
import io.vivace.auth.throttle.ThrottleStore;
import io.vivace.db.Database;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.PrometheusText;
import io.vivace.testing.PrometheusText.Sample;
import io.vivace.testing.TestServer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The auth module's login and signup counters on {@code /metrics}, over real HTTP and PostgreSQL. */
class AuthMetricsTest {

  @Test
  void countsLoginsByResultAndSignups() {
    DatabaseUrl url = TestDatabase.fresh();
    MutableClock clock = new MutableClock(Instant.now());
    App app = Vivace.app(TestServer.options());
    Database db = Database.attach(app, new DbOptions().url(url).migrate(false));
    Auth auth = Auth.attach(app, new AuthOptions().secret("metrics-test-secret-0123456789abcdef0123")
        .argon2(1024, 1, 1).ipLimit(1000, 60).signupLimit(1000, 60).lockoutAfter(2, 300, 600), clock);
    AuthModule.mount(app, db, auth, "/auth", ThrottleStore.inProcess(clock));
    TestServer s = TestServer.started(app);
    try {
      String good = "{\"email\":\"ann@example.com\",\"password\":\"long enough password\"}";
      String wrong = "{\"email\":\"ann@example.com\",\"password\":\"not her password\"}";
      assertEquals(201, s.postJson("/auth/signup", good).statusCode());
      assertEquals(409, s.postJson("/auth/signup", good).statusCode());
      assertEquals(422, s.postJson("/auth/signup", "{\"email\":\"\",\"password\":\"\"}").statusCode());
      assertEquals(200, s.postJson("/auth/login", good).statusCode());
      assertEquals(401, s.postJson("/auth/login", wrong).statusCode());
      assertEquals(401, s.postJson("/auth/login", wrong).statusCode()); // the second failure locks the account
      assertEquals(429, s.postJson("/auth/login", good).statusCode());
      assertEquals(422, s.postJson("/auth/login", "{\"email\":\"ann@example.com\"}").statusCode());

      List<Sample> m = PrometheusText.parse(s.get("/metrics").body());
      assertEquals(1.0, PrometheusText.value(m, "vivace_auth_logins_total", "result", "success"));
      assertEquals(2.0, PrometheusText.value(m, "vivace_auth_logins_total", "result", "failure"));
      assertEquals(1.0, PrometheusText.value(m, "vivace_auth_logins_total", "result", "throttled"));
      assertEquals(0.0, PrometheusText.value(m, "vivace_auth_logins_total", "result", "error"));
      assertEquals(1.0, PrometheusText.value(m, "vivace_auth_signups_total", "result", "success"));
      assertEquals(1.0, PrometheusText.value(m, "vivace_auth_signups_total", "result", "rejected"));
      assertEquals(0.0, PrometheusText.value(m, "vivace_auth_signups_total", "result", "throttled"));
      assertEquals(200, s.get("/health/ready").statusCode(), "the database's readiness check passes");
    } finally {
      TestDatabase.closeAndDrop(s, url);
    }
  }
}
