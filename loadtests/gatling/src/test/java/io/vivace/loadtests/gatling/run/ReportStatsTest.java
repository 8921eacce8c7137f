package io.vivace.loadtests.gatling.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statistics table as Gatling 3.14 writes it (the real report is read by {@link GatlingRunTest}). */
class ReportStatsTest {
  private static String row(String name, String... cells) {
    StringBuilder b = new StringBuilder("<tr data-parent=\"ROOT\">\n  <td class=\"total col-1\">\n"
        + "<span class=\"ellipsed-name\">" + name + "</span>\n  </td>\n");
    for (int i = 0; i < cells.length; i++) {
      b.append("  <td class=\"value total col-").append(i + 2).append("\">").append(cells[i]).append("</td>\n");
    }
    return b.append("</tr>").toString();
  }

  @Test
  void readsEachRequestsLine(@TempDir Path dir) throws Exception {
    Path html = dir.resolve("index.html");
    Files.writeString(html, "<table><tbody>"
        + row("db (warm-up)", "93", "93", "-", "0", "31", "0", "3", "6", "12", "17", "21", "4", "4")
        + row("db", "12,640", "12,630", "10", "0", "160", "0", "3", "6", "12", "17", "21", "4", "4")
        + row("a &amp; b", "1", "1", "-", "0", "1", "0", "1", "1", "1", "1", "1", "1", "0")
        + "</tbody></table>");
    Map<String, ReportStats> stats = ReportStats.parse(html);
    assertEquals(new ReportStats("db", 12_640, 12_630, 10, 3, 17, 21, 4), stats.get("db"));
    assertEquals(0, stats.get("db (warm-up)").ko());
    assertEquals(1, stats.get("a & b").total());
  }

  @Test
  void aFileWithoutTheTableIsAnError(@TempDir Path dir) throws Exception {
    Path html = dir.resolve("index.html");
    Files.writeString(html, "<html></html>");
    assertThrows(IOException.class, () -> ReportStats.parse(html));
  }
}
