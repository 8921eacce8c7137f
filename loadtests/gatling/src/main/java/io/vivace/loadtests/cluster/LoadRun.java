package io.vivace.loadtests.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load on the cluster's entry point: {@code users} threads, each sending its next
 * request when the last one answered, for {@code seconds}. Reads are {@code GET /posts/ID} (ID
 * random in 1..posts) and, one in four, {@code GET /posts?page=P}; with {@code writeEvery} k > 0,
 * every k-th request of a user is {@code POST /posts} with a unique title {@code TAG-USER-N}.
 *
 * <p>It writes into {@code out}: {@code summary.properties} (counts, req/s, p50/p99 ms),
 * {@code writes-ok.txt} (titles answered 201), {@code writes-err.txt} (titles answered otherwise,
 * with the status, 0 when the transport failed, and the first line of the body or the failure) and {@code failures.txt} (the first failed reads).
 */
final class LoadRun {
  record Settings(String url, int seconds, int users, int writeEvery, int posts, String tag, String token, Path out,
      Path stopFile) {
  }

  private final Settings s;
  private final Http http = new Http();
  private final AtomicLong readsOk = new AtomicLong();
  private final AtomicLong readsFailed = new AtomicLong();
  private final ConcurrentLinkedQueue<String> writesOk = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> writesErr = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final Percentiles latency = new Percentiles();

  LoadRun(Settings settings) {
    this.s = settings;
  }

  /** Runs the load, writes the files, and returns the number of failed reads. */
  long run() throws IOException, InterruptedException {
    long start = System.nanoTime();
    long end = start + s.seconds() * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int u = 0; u < s.users(); u++) {
      int user = u;
      Thread t = new Thread(() -> loop(user, end), "load-" + u);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    Files.createDirectories(s.out());
    long requests = readsOk.get() + readsFailed.get() + writesOk.size() + writesErr.size();
    String summary = "reads_ok=" + readsOk.get() + "\nreads_failed=" + readsFailed.get()
        + "\nwrites_ok=" + writesOk.size() + "\nwrites_err=" + writesErr.size()
        + "\nrequests=" + requests + "\nseconds=" + String.format("%.2f", elapsed)
        + "\nreq_per_s=" + Math.round(requests / elapsed)
        + "\np50_ms=" + latency.at(50) + "\np99_ms=" + latency.at(99) + "\n";
    Files.writeString(s.out().resolve("summary.properties"), summary);
    Files.write(s.out().resolve("writes-ok.txt"), writesOk);
    Files.write(s.out().resolve("writes-err.txt"), writesErr);
    Files.write(s.out().resolve("failures.txt"), failures);
    return readsFailed.get();
  }

  private boolean stopped() {
    return s.stopFile() != null && Files.exists(s.stopFile());
  }

  private void loop(int user, long end) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int n = 1; System.nanoTime() < end && !stopped(); n++) {
      long t0 = System.nanoTime();
      if (s.writeEvery() > 0 && n % s.writeEvery() == 0) {
        String title = s.tag() + "-" + user + "-" + n;
        Http.Answer a = http.send("POST", s.url() + "/posts", "{\"title\":\"" + title + "\",\"body\":\"cluster load\"}", s.token());
        if (a.status() == 201) {
          writesOk.add(title);
        } else {
          writesErr.add(title + " " + a.status() + " " + a.body().lines().findFirst().orElse("").replace('\t', ' '));
        }
      } else {
        String path = random.nextInt(4) == 0 ? "/posts?page=" + random.nextInt(1, 11) + "&per_page=20"
            : "/posts/" + random.nextInt(1, s.posts() + 1);
        Http.Answer a = http.get(s.url() + path);
        if (a.ok()) {
          readsOk.incrementAndGet();
        } else {
          readsFailed.incrementAndGet();
          if (failures.size() < 20) {
            failures.add("GET " + path + " -> " + a.status() + " " + a.body().lines().findFirst().orElse(""));
          }
        }
      }
      latency.add((System.nanoTime() - t0) / 1_000_000);
    }
  }
}
