package io.vivace.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format 0.0.4 for tests: every line must be a comment
 * ({@code # HELP}, {@code # TYPE}) or a sample {@code name{label="value",...} number}; anything
 * else fails the parse. Shared through the framework-core test-jar.
 */
public final class PrometheusText {
  private static final Pattern SAMPLE = Pattern.compile(
      "([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*)\\})? "
          + "(-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)( [0-9]+)?");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One sample: metric name, labels in order, value. */
  public record Sample(String name, Map<String, String> labels, double value) {
  }

  private PrometheusText() {
  }

  /**
   * The samples of {@code body}.
   *
   * @throws IllegalArgumentException naming the first line that is neither a comment nor a sample
   */
  public static List<Sample> parse(String body) {
    List<Sample> out = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a Prometheus text-format line: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      out.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3).replace("+Inf", "Infinity")
          .replace("-Inf", "-Infinity"))));
    }
    return out;
  }

  /** The value of the one sample named {@code name} whose labels include {@code labels} (k, v, ...); NaN when none. */
  public static double value(List<Sample> samples, String name, String... labels) {
    double found = Double.NaN;
    for (Sample s : samples) {
      if (!s.name().equals(name)) {
        continue;
      }
      boolean all = true;
      for (int i = 0; i + 1 < labels.length; i += 2) {
        all &= labels[i + 1].equals(s.labels().get(labels[i]));
      }
      if (all) {
        if (!Double.isNaN(found)) {
          throw new IllegalArgumentException("more than one sample " + name + " with " + List.of(labels));
        }
        found = s.value();
      }
    }
    return found;
  }

  /** The sum of the samples named {@code name} (over all labels); 0 when none. */
  public static double sum(List<Sample> samples, String name) {
    double total = 0;
    for (Sample s : samples) {
      if (s.name().equals(name)) {
        total += s.value();
      }
    }
    return total;
  }
}
