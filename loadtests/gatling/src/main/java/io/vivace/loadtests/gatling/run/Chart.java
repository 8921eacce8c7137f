package io.vivace.loadtests.gatling.run;

import java.util.List;
import java.util.Locale;

/**
 * Throughput per scenario as an SVG bar chart, written without any library: for each scenario a
 * bar for Vivace, one for the baseline (when it has the endpoint) and the published target's range
 * as a shaded band (when there is one).
 */
final class Chart {
  /**
   * One scenario's row.
   *
   * @param scenario the name
   * @param vivace req/s, or NaN when not measured
   * @param baseline req/s, or NaN when not measured
   * @param targetMin the target's low end, NaN when none
   * @param targetMax the target's high end, NaN when none
   */
  record Row(String scenario, double vivace, double baseline, double targetMin, double targetMax) {
  }

  private static final int LABEL_W = 130;
  private static final int PLOT_W = 560;
  private static final int ROW_H = 44;
  private static final int TOP = 56;

  private Chart() {
  }

  /** The SVG document. */
  static String svg(String title, List<Row> rows) {
    double max = 1;
    for (Row r : rows) {
      max = Math.max(max, nan0(r.vivace()));
      max = Math.max(max, nan0(r.baseline()));
      max = Math.max(max, nan0(r.targetMax()));
    }
    max = niceCeiling(max);
    int height = TOP + rows.size() * ROW_H + 40;
    int width = LABEL_W + PLOT_W + 110;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
            + "font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
    s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", escape(title)));
    legend(s, LABEL_W, 38, "#2b6cb0", "Vivace");
    legend(s, LABEL_W + 90, 38, "#a0aec0", "baseline (raw Vert.x)");
    s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"29\" width=\"12\" height=\"12\" fill=\"#f6ad55\" fill-opacity=\"0.35\" "
        + "stroke=\"#dd6b20\"/><text x=\"%d\" y=\"39\">published target</text>%n", LABEL_W + 260, LABEL_W + 276));
    for (int i = 0; i <= 4; i++) {
      double v = max * i / 4;
      double x = LABEL_W + PLOT_W * i / 4.0;
      s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e2e8f0\"/>%n",
          x, TOP - 4, x, TOP + rows.size() * ROW_H));
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#4a5568\">%s</text>%n",
          x, TOP + rows.size() * ROW_H + 16, escape(compact(v))));
    }
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#4a5568\">requests per second</text>%n",
        LABEL_W + PLOT_W / 2, TOP + rows.size() * ROW_H + 34));
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      int y = TOP + i * ROW_H;
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
          LABEL_W - 8, y + 24, escape(r.scenario())));
      if (!Double.isNaN(r.targetMin())) {
        double x1 = LABEL_W + PLOT_W * r.targetMin() / max;
        double x2 = LABEL_W + PLOT_W * nanOr(r.targetMax(), r.targetMin()) / max;
        s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#f6ad55\" "
            + "fill-opacity=\"0.35\" stroke=\"#dd6b20\"/>%n", x1, y + 2, Math.max(2, x2 - x1), ROW_H - 8));
      }
      bar(s, y + 6, r.vivace(), max, "#2b6cb0");
      bar(s, y + 21, r.baseline(), max, "#a0aec0");
    }
    s.append("</svg>\n");
    return s.toString();
  }

  private static void legend(StringBuilder s, int x, int y, String color, String label) {
    s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
        + "<text x=\"%d\" y=\"%d\">%s</text>%n", x, y - 9, color, x + 16, y + 1, escape(label)));
  }

  private static void bar(StringBuilder s, int y, double value, double max, String color) {
    if (Double.isNaN(value)) {
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#718096\">not measured</text>%n", LABEL_W + 4, y + 11));
      return;
    }
    double w = PLOT_W * value / max;
    s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"13\" fill=\"%s\"/>%n", LABEL_W, y, w, color));
    s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>%n", LABEL_W + w + 4, y + 11,
        escape(String.format(Locale.ROOT, "%,.0f", value))));
  }

  /** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least {@code v}. */
  static double niceCeiling(double v) {
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static String compact(double v) {
    if (v >= 1000) {
      return String.format(Locale.ROOT, "%sk", trim(v / 1000));
    }
    return trim(v);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private static double nan0(double v) {
    return Double.isNaN(v) ? 0 : v;
  }

  private static double nanOr(double v, double fallback) {
    return Double.isNaN(v) ? fallback : v;
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
