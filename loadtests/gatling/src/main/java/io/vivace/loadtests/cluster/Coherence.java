package io.vivace.loadtests.cluster;

import java.util.concurrent.TimeUnit;

/**
 * Scenario 1, cache coherence: a post of the driver's user is updated through instance A
 * ({@code PUT /posts/ID}), then instance B is polled ({@code GET /posts/ID}, every 2 ms) until it
 * serves the new title. The staleness window of a round is the time from A's answer to B's first
 * fresh answer. B has the post cached before each round (it served the previous title), so each
 * round measures the invalidation reaching B (Redis pub/sub), not a cold read.
 */
final class Coherence {
  /** Per-round deadline: a window longer than this is a failure (B served a stale post). */
  static final long DEADLINE_MS = 10_000;

  private final Http http = new Http();

  /** Runs {@code rounds} rounds; the result line holds the p50, p99 and max windows in ms. */
  Result run(String a, String b, String token, int rounds) throws InterruptedException {
    Http.Answer created = http.send("POST", a + "/posts", "{\"title\":\"coherence-0\",\"body\":\"cluster\"}", token);
    if (created.status() != 201 || created.location() == null) {
      return new Result(0, 0, 0, 0, rounds, "create failed: " + created.status() + " " + created.body());
    }
    String path = created.location();
    Percentiles windows = new Percentiles();
    int stale = 0;
    waitFor(b + path, "coherence-0");
    for (int i = 1; i <= rounds; i++) {
      String title = "coherence-" + i;
      Http.Answer put = http.send("PUT", a + path, "{\"title\":\"" + title + "\",\"body\":\"cluster\"}", token);
      if (put.status() != 200) {
        return new Result(windows.count(), 0, 0, 0, rounds, "update failed: " + put.status() + " " + put.body());
      }
      long t0 = System.nanoTime();
      if (waitFor(b + path, title) < 0) {
        stale++;
      } else {
        windows.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t0));
      }
    }
    return new Result(windows.count(), windows.at(50), windows.at(99), windows.at(100), stale, null);
  }

  /** Polls {@code url} until its title is {@code title}: the ms it took, or -1 past the deadline. */
  private long waitFor(String url, String title) throws InterruptedException {
    long t0 = System.nanoTime();
    long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
    while (System.nanoTime() < deadline) {
      Http.Answer got = http.get(url);
      if (got.ok() && title.equals(Http.member(got.body(), "title"))) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      }
      Thread.sleep(2);
    }
    return -1;
  }

  /** Windows in µs; {@code stale}: rounds where B still served the old post at the deadline. */
  record Result(int rounds, long p50Us, long p99Us, long maxUs, int stale, String error) {
    boolean held() {
      return error == null && stale == 0 && rounds > 0;
    }
  }
}
