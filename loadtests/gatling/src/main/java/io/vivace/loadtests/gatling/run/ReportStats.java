package io.vivace.loadtests.gatling.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request's line of the statistics table in Gatling's HTML report ({@code index.html}):
 * Gatling 3.14 writes its statistics only there (no stats.json any more). Times are Gatling's own
 * resolution, milliseconds.
 *
 * @param name the request name
 * @param total requests sent
 * @param ok requests whose checks passed
 * @param ko requests that failed (status, body shape, connection or timeout)
 * @param p50Ms the median response time, ms
 * @param p99Ms the 99th percentile, ms
 * @param maxMs the slowest, ms
 * @param meanMs the mean, ms
 */
public record ReportStats(String name, long total, long ok, long ko, long p50Ms, long p99Ms, long maxMs, long meanMs) {
  private static final Pattern NAME = Pattern.compile("class=\"ellipsed-name\">([^<]*)</span>");
  private static final Pattern CELL = Pattern.compile("<td class=\"value [^\"]*col-(\\d+)\">([^<]*)</td>");

  /**
   * Reads the statistics table of {@code index.html}: every request by name (names unescaped from
   * HTML); the table's columns are 2 total, 3 OK, 4 KO, 8 p50, 11 p99, 12 max, 13 mean ("-" is 0).
   *
   * @throws IOException when the file cannot be read or has no statistics table
   */
  public static Map<String, ReportStats> parse(Path indexHtml) throws IOException {
    String html = Files.readString(indexHtml, StandardCharsets.UTF_8);
    Map<String, ReportStats> stats = new LinkedHashMap<>();
    for (String row : html.split("<tr")) {
      Matcher name = NAME.matcher(row);
      if (!name.find()) {
        continue;
      }
      long[] col = new long[15];
      Matcher cell = CELL.matcher(row);
      int cells = 0;
      while (cell.find()) {
        int index = Integer.parseInt(cell.group(1));
        if (index < col.length) {
          col[index] = number(cell.group(2));
          cells++;
        }
      }
      if (cells >= 13) {
        String n = unescape(name.group(1));
        stats.put(n, new ReportStats(n, col[2], col[3], col[4], col[8], col[11], col[12], col[13]));
      }
    }
    if (stats.isEmpty()) {
      throw new IOException("no statistics table in " + indexHtml + " (Gatling's report format changed?)");
    }
    return stats;
  }

  private static long number(String text) {
    String t = text.trim().replace(",", "");
    if (t.isEmpty() || t.equals("-")) {
      return 0;
    }
    return Math.round(Double.parseDouble(t));
  }

  private static String unescape(String s) {
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
  }
}
