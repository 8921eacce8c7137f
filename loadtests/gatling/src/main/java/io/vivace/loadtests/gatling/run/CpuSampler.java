package io.vivace.loadtests.gatling.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples, every 250 ms on its own daemon thread, the machine's CPU ticks ({@code /proc/stat}),
 * this JVM's CPU time (the load generator: Gatling runs in it) and the server's, so that the CPU
 * used during the measured window alone can be computed after the run. Thread-safe: samples are
 * appended and read under the instance's lock.
 */
final class CpuSampler implements AutoCloseable {
  /**
   * One sample.
   *
   * @param nanos {@link System#nanoTime()}
   * @param busyTicks machine ticks not idle so far
   * @param totalTicks machine ticks so far
   * @param generator this JVM's CPU time so far
   * @param server the server's CPU time so far
   */
  record Sample(long nanos, long busyTicks, long totalTicks, Duration generator, Duration server) {
  }

  /**
   * CPU use over a window.
   *
   * @param seconds the window's length
   * @param machineBusy the fraction of all CPUs busy, 0..1
   * @param generatorCores CPUs the load generator used on average
   * @param serverCores CPUs the server under test used on average
   * @param machineCores the machine's CPUs
   */
  record Usage(double seconds, double machineBusy, double generatorCores, double serverCores, int machineCores) {
    /** CPUs used by everything else on average: the database, other processes. */
    double otherCores() {
      return Math.max(0, machineBusy * machineCores - generatorCores - serverCores);
    }

    /**
     * The load generator, not the server, limited the result: the machine's CPUs were saturated
     * (at least 90% busy) and the generator used at least as much CPU as the server.
     */
    boolean generatorBound() {
      return machineBusy >= 0.90 && generatorCores >= serverCores;
    }
  }

  private final ProcessHandle server;
  private final List<Sample> samples = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  CpuSampler(ProcessHandle server) {
    this.server = server;
    this.thread = new Thread(this::loop, "loadtests-cpu-sampler");
    thread.setDaemon(true);
    sample();
    thread.start();
  }

  private void loop() {
    while (running) {
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        return;
      }
      sample();
    }
  }

  private void sample() {
    long[] ticks = Machine.cpuTicks();
    Sample s = new Sample(System.nanoTime(), ticks[0], ticks[1],
        Machine.cpuOf(ProcessHandle.current()), Machine.cpuOf(server));
    synchronized (this) {
      samples.add(s);
    }
  }

  /**
   * The usage between the first sample at or after {@code fromNanos} and the last at or before
   * {@code toNanos}; the whole sampled time when the window holds fewer than two samples.
   */
  synchronized Usage usage(long fromNanos, long toNanos) {
    Sample first = null;
    Sample last = null;
    for (Sample s : samples) {
      if (first == null && s.nanos() >= fromNanos) {
        first = s;
      }
      if (s.nanos() <= toNanos) {
        last = s;
      }
    }
    if (first == null || last == null || last.nanos() <= first.nanos()) {
      first = samples.get(0);
      last = samples.get(samples.size() - 1);
    }
    double seconds = Math.max(1e-9, (last.nanos() - first.nanos()) / 1e9);
    long total = last.totalTicks() - first.totalTicks();
    double busy = total <= 0 ? 0 : (double) (last.busyTicks() - first.busyTicks()) / total;
    return new Usage(seconds, busy,
        (last.generator().toNanos() - first.generator().toNanos()) / 1e9 / seconds,
        (last.server().toNanos() - first.server().toNanos()) / 1e9 / seconds,
        Runtime.getRuntime().availableProcessors());
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    sample();
  }
}
