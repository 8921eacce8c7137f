package io.vivace.loadtests.gatling.run;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the binary {@code simulation.log} files of several Gatling injectors (the same simulation
 * run at the same time from several processes or machines) into one, which Gatling's reports-only
 * mode ({@code -ro}) turns into one HTML report. Gatling 3.14 reads a single log per report, so
 * the records are rewritten: timestamps (ms relative to each log's run start) are rebased to the
 * earliest start, scenario ids and cached strings are renumbered for the merged file.
 *
 * <p>The format, as Gatling 3.14's {@code LogFileDataWriter} writes it (big-endian): a record is a
 * header byte then its fields. Run (0): Gatling's version, the simulation class, the start (epoch
 * ms, long), the description, the scenarios (count, then names: a scenario's id is its index), the
 * assertions (count, then each as length-prefixed bytes). Request (1): groups, name (cached), start
 * and end (int), OK (boolean), message (cached). User (2): scenario id (int), start (boolean),
 * timestamp (int). Group (3): groups, start, end, cumulated response time (int), OK. Error (4):
 * message (cached), timestamp. A string is its byte length (int; 0 for empty) then its bytes and
 * the JDK string coder byte; a cached string is an id (int): positive, the string follows and gets
 * that id; negative, the string of that id. Groups are a count (int) then cached strings.
 */
final class SimulationLogs {
  private static final int RUN = 0;
  private static final int REQUEST = 1;
  private static final int USER = 2;
  private static final int GROUP = 3;
  private static final int ERROR = 4;

  private SimulationLogs() {
  }

  /** A string as stored: its bytes and coder, compared by content. */
  private record Str(byte[] bytes, int coder) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Str s && s.coder == coder && Arrays.equals(s.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes) * 31 + coder;
    }
  }

  private record Header(Str version, Str simulation, long start, Str description, List<Str> scenarios, List<byte[]> assertions) {
  }

  /**
   * Writes into {@code out} the merge of {@code logs} (at least one).
   *
   * @return the number of request records merged
   * @throws IOException when a log cannot be read or is not a Gatling 3.14 simulation log
   */
  static long merge(List<Path> logs, Path out) throws IOException {
    List<Header> headers = new ArrayList<>();
    for (Path log : logs) {
      try (DataInputStream in = open(log)) {
        headers.add(header(in, log));
      }
    }
    long start = headers.stream().mapToLong(Header::start).min().orElseThrow();
    Map<Str, Integer> scenarios = new LinkedHashMap<>();
    headers.forEach(h -> h.scenarios().forEach(s -> scenarios.putIfAbsent(s, scenarios.size())));
    Header first = headers.get(0);
    long requests = 0;
    try (DataOutputStream w = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(out), 1 << 16))) {
      w.writeByte(RUN);
      writeString(w, first.version());
      writeString(w, first.simulation());
      w.writeLong(start);
      writeString(w, first.description());
      w.writeInt(scenarios.size());
      for (Str s : scenarios.keySet()) {
        writeString(w, s);
      }
      w.writeInt(first.assertions().size());
      for (byte[] a : first.assertions()) {
        w.writeInt(a.length);
        w.write(a);
      }
      Map<Str, Integer> outCache = new HashMap<>();
      for (int i = 0; i < logs.size(); i++) {
        requests += copyRecords(logs.get(i), headers.get(i), (int) (headers.get(i).start() - start), scenarios, outCache, w);
      }
    }
    return requests;
  }

  private static long copyRecords(Path log, Header h, int shift, Map<Str, Integer> scenarios, Map<Str, Integer> outCache,
      DataOutputStream w) throws IOException {
    Map<Integer, Str> inCache = new HashMap<>();
    long requests = 0;
    try (DataInputStream in = open(log)) {
      header(in, log);
      while (true) {
        int type = in.read();
        if (type < 0) {
          return requests;
        }
        w.writeByte(type);
        switch (type) {
          case REQUEST -> {
            groups(in, inCache, outCache, w);
            cached(in, inCache, outCache, w);
            w.writeInt(in.readInt() + shift);
            w.writeInt(in.readInt() + shift);
            w.writeBoolean(in.readBoolean());
            cached(in, inCache, outCache, w);
            requests++;
          }
          case USER -> {
            w.writeInt(scenarios.get(h.scenarios().get(in.readInt())));
            w.writeBoolean(in.readBoolean());
            w.writeInt(in.readInt() + shift);
          }
          case GROUP -> {
            groups(in, inCache, outCache, w);
            w.writeInt(in.readInt() + shift);
            w.writeInt(in.readInt() + shift);
            w.writeInt(in.readInt());
            w.writeBoolean(in.readBoolean());
          }
          case ERROR -> {
            cached(in, inCache, outCache, w);
            w.writeInt(in.readInt() + shift);
          }
          default -> throw new IOException(log + ": unknown record type " + type + " (not a Gatling 3.14 simulation log?)");
        }
      }
    } catch (EOFException e) {
      throw new IOException(log + " ends inside a record (was the injector stopped before its end?)", e);
    }
  }

  private static DataInputStream open(Path log) throws IOException {
    return new DataInputStream(new BufferedInputStream(Files.newInputStream(log), 1 << 16));
  }

  private static Header header(DataInputStream in, Path log) throws IOException {
    if (in.read() != RUN) {
      throw new IOException(log + " does not start with a run record (not a Gatling 3.14 simulation log?)");
    }
    Str version = readString(in);
    Str simulation = readString(in);
    long start = in.readLong();
    Str description = readString(in);
    List<Str> scenarios = new ArrayList<>();
    for (int n = in.readInt(); n > 0; n--) {
      scenarios.add(readString(in));
    }
    List<byte[]> assertions = new ArrayList<>();
    for (int n = in.readInt(); n > 0; n--) {
      assertions.add(in.readNBytes(in.readInt()));
    }
    return new Header(version, simulation, start, description, scenarios, assertions);
  }

  private static Str readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length == 0) {
      return new Str(new byte[0], -1);
    }
    byte[] bytes = in.readNBytes(length);
    return new Str(bytes, in.readByte());
  }

  private static void writeString(DataOutputStream w, Str s) throws IOException {
    w.writeInt(s.bytes().length);
    if (s.bytes().length > 0) {
      w.write(s.bytes());
      w.writeByte(s.coder());
    }
  }

  private static void groups(DataInputStream in, Map<Integer, Str> inCache, Map<Str, Integer> outCache, DataOutputStream w)
      throws IOException {
    int n = in.readInt();
    w.writeInt(n);
    for (int i = 0; i < n; i++) {
      cached(in, inCache, outCache, w);
    }
  }

  private static void cached(DataInputStream in, Map<Integer, Str> inCache, Map<Str, Integer> outCache, DataOutputStream w)
      throws IOException {
    int id = in.readInt();
    Str s;
    if (id >= 0) {
      s = readString(in);
      inCache.put(id, s);
    } else {
      s = inCache.get(-id);
      if (s == null) {
        throw new IOException("cached string " + (-id) + " used before it was defined");
      }
    }
    Integer known = outCache.get(s);
    if (known != null) {
      w.writeInt(-known);
    } else {
      int next = outCache.size() + 1; // ids start at 1: 0 and -0 would be the same
      outCache.put(s, next);
      w.writeInt(next);
      writeString(w, s);
    }
  }
}
