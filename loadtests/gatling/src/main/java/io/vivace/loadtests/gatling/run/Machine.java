package io.vivace.loadtests.gatling.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The machine a run measures on, for the summary: architecture, cores, CPU model, memory, JDK.
 *
 * @param arch {@code os.arch}
 * @param cores CPUs this JVM may use
 * @param cpuModel {@code /proc/cpuinfo}'s model name, or "unknown"
 * @param memoryGiB total memory from {@code /proc/meminfo}, 0 when unknown
 * @param jdk vendor, version and VM of the JDK that runs the servers and Gatling
 */
public record Machine(String arch, int cores, String cpuModel, double memoryGiB, String jdk) {
  /** This machine, read from {@code /proc} and the JVM's properties. */
  public static Machine current() {
    String model = "unknown";
    double mem = 0;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name") || line.startsWith("Model") || line.startsWith("Hardware")) {
          model = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          mem = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: leave them unknown
    }
    String jdk = System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version")
        + " (" + System.getProperty("java.vm.name") + ")";
    return new Machine(System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), model, mem, jdk);
  }

  /**
   * CPU time of the whole machine so far from {@code /proc/stat}: {busy, total} in clock ticks,
   * or {0, 0} where there is no such file.
   */
  public static long[] cpuTicks() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
      String[] f = lines.get(0).trim().split("\\s+"); // cpu user nice system idle iowait irq softirq steal ...
      long total = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }

  /** CPU time (user + system, all threads) a process has used so far; zero when unknown. */
  public static Duration cpuOf(ProcessHandle process) {
    return process == null ? Duration.ZERO : process.info().totalCpuDuration().orElse(Duration.ZERO);
  }
}
