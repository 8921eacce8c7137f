package io.vivace.loadtests.gatling.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Bytes a server allocates per request, from a JDK Flight Recorder recording taken around one
 * Gatling run ({@code loadtests/run --jfr}): {@code jcmd <pid> JFR.start} with the {@code profile}
 * settings before, {@code JFR.stop} after. The total is the sum over the server's Vert.x threads
 * (names starting {@value #THREAD_PREFIX}: event loops, workers; the request path of Vivace and
 * of the baseline runs on them, JFR's own threads do not) of {@code jdk.ThreadAllocationStatistics}
 * (each thread's allocated bytes, recorded when the chunk starts and ends), so it counts everything
 * they allocated, GC'd or not; the allocation sites come from {@code jdk.ObjectAllocationSample}
 * (sampled at TLAB refills, weighted by the bytes they stand for: a short run may have none).
 */
final class AllocationRecording {
  private static final String NAME = "vivace-loadtest";
  static final String THREAD_PREFIX = "vert.x-";

  /**
   * What a recording found.
   *
   * @param allocatedBytes bytes allocated by the Vert.x threads that lived through the recording
   * @param sites the top allocation sites (top frame outside the JDK), share of sampled bytes, largest first
   */
  record Result(long allocatedBytes, List<Map.Entry<String, Double>> sites) {
  }

  private final ProcessHandle server;
  private final Path file;

  private AllocationRecording(ProcessHandle server, Path file) {
    this.server = server;
    this.file = file;
  }

  /** Starts a recording in {@code server} that {@link #stop()} writes to {@code file}. */
  static AllocationRecording start(ProcessHandle server, Path file) throws IOException, InterruptedException {
    jcmd(server, "JFR.start", "name=" + NAME, "settings=profile", "filename=" + file.toAbsolutePath());
    return new AllocationRecording(server, file);
  }

  /** Stops the recording, which writes its file, and reads it. */
  Result stop() throws IOException, InterruptedException {
    jcmd(server, "JFR.stop", "name=" + NAME);
    return read(file);
  }

  /** Reads a recording: the allocation total and the top 10 sites. */
  static Result read(Path file) throws IOException {
    Map<Long, long[]> perThread = new HashMap<>(); // thread id -> {first, last}
    Map<String, Long> sites = new HashMap<>();
    long sampled = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      String type = e.getEventType().getName();
      if (type.equals("jdk.ThreadAllocationStatistics")) {
        if (e.getThread("thread") == null || e.getThread("thread").getJavaName() == null
            || !e.getThread("thread").getJavaName().startsWith(THREAD_PREFIX)) {
          continue;
        }
        long id = e.getThread("thread").getJavaThreadId();
        long allocated = e.getLong("allocated");
        perThread.computeIfAbsent(id, k -> new long[] {allocated, allocated})[1] = allocated;
      } else if (type.equals("jdk.ObjectAllocationSample")) {
        long weight = e.getLong("weight");
        sampled += weight;
        sites.merge(site(e.getStackTrace()), weight, Long::sum);
      }
    }
    long total = 0;
    for (long[] v : perThread.values()) {
      total += Math.max(0, v[1] - v[0]);
    }
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(sites.entrySet());
    sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    Map<String, Double> top = new LinkedHashMap<>();
    for (Map.Entry<String, Long> s : sorted.subList(0, Math.min(10, sorted.size()))) {
      top.put(s.getKey(), sampled == 0 ? 0 : (double) s.getValue() / sampled);
    }
    return new Result(total, new ArrayList<>(top.entrySet()));
  }

  /** The first frame outside java.*, jdk.* and sun.*, as {@code Type.method:line}. */
  private static String site(RecordedStackTrace stack) {
    if (stack == null || stack.getFrames().isEmpty()) {
      return "(no stack)";
    }
    for (RecordedFrame f : stack.getFrames()) {
      String type = f.getMethod().getType().getName();
      if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
        return type + "." + f.getMethod().getName() + ":" + f.getLineNumber();
      }
    }
    RecordedFrame f = stack.getFrames().get(0);
    return f.getMethod().getType().getName() + "." + f.getMethod().getName() + ":" + f.getLineNumber();
  }

  private static void jcmd(ProcessHandle process, String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    cmd.add(Long.toString(process.pid()));
    cmd.addAll(List.of(command));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("jcmd " + String.join(" ", command) + " failed: " + out.trim());
    }
  }
}
