package io.vivace.loadtests.gatling.sim;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The request of each scenario with its checks: status 200 and the body's shape (exact body where
 * it is fixed, JSON fields and array sizes where it is data). Each method takes the request's name.
 */
final class Requests {
  private Requests() {
  }

  static HttpRequestActionBuilder plaintext(String name) {
    return http(name).get("/plaintext").check(status().is(200), bodyString().is("Hello, World!"));
  }

  static HttpRequestActionBuilder json(String name) {
    return http(name).get("/json").check(status().is(200), jsonPath("$.message").is("Hello, World!"));
  }

  static HttpRequestActionBuilder jsonPost(String name) {
    return http(name).post("/echo").body(StringBody(EchoBody.JSON)).asJson()
        .check(status().is(200), bodyString().is(EchoBody.JSON));
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** {@code GET /auth/json} with {@code Authorization: Bearer <HS256 JWT>} signed once per run. */
  static HttpRequestActionBuilder authJson(String name, LoadSettings settings) {
    long exp = Instant.now().plus(settings.warmup()).plus(settings.duration()).getEpochSecond() + 3600;
    String issuer = System.getProperty("jwtIssuer", envOr("JWT_ISSUER", Jwt.DEFAULT_ISSUER));
    String audience = System.getProperty("jwtAudience", envOr("JWT_AUDIENCE", Jwt.DEFAULT_AUDIENCE));
    String token = Jwt.hs256(settings.jwtSecret(), "loadtest", issuer, audience, exp);
    return http(name).get("/auth/json").header("Authorization", "Bearer " + token)
        .check(status().is(200), header("Content-Type").transform(t -> t.startsWith("application/json")).is(true));
  }

  // tag::db-request[]
  static HttpRequestActionBuilder db(String name) {
    return http(name).get("/db").check(status().is(200),
        jsonPath("$.id").ofInt().exists(), jsonPath("$.randomNumber").ofInt().exists());
  }
  // end::db-request[]

  /** {@code /queries}, {@code /updates} or {@code /cached-queries}: a JSON array of N worlds. */
  static HttpRequestActionBuilder worlds(String name, String path, String parameter, int n) {
    return http(name).get(path + "?" + parameter + "=" + n)
        .check(status().is(200), jsonPath("$[*].randomNumber").count().is(n));
  }

  static HttpRequestActionBuilder fortunes(String name) {
    return http(name).get("/fortunes").check(status().is(200),
        header("Content-Type").is("text/html; charset=utf-8"),
        substring("<td>Additional fortune added at request time.</td>").exists(),
        substring("フレームワークのベンチマーク").exists());
  }

  /** {@code GET /posts?page=P&per_page=20}, P random in 1..blogPages: an offset page of 20 posts. */
  static HttpRequestActionBuilder blogPage(String name, int pages) {
    return http(name).get(session -> "/posts?page=" + ThreadLocalRandom.current().nextInt(1, pages + 1) + "&per_page=20")
        .check(status().is(200), jsonPath("$.items[*].id").count().is(20), jsonPath("$.total").ofInt().exists());
  }

  /**
   * {@code GET /posts/ID?include=author,comments,tags}, ID random in 1..blogPosts: one post with its
   * author, its list of comments (each with its author) and its tags, eager-loaded.
   */
  static HttpRequestActionBuilder blogEager(String name, int posts) {
    return http(name).get(session -> "/posts/" + ThreadLocalRandom.current().nextInt(1, posts + 1)
            + "?include=author,comments,tags")
        .check(status().is(200), jsonPath("$.author.id").ofInt().exists(),
            jsonPath("$.comments").exists(), jsonPath("$.tags").exists());
  }
}
