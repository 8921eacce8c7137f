package io.vivace.loadtests.gatling.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ChartTest {
  @Test
  void svgIsWellFormedWithABarPerMeasuredServerAndABandPerTarget() throws Exception {
    String svg = Chart.svg("T <&>", List.of(
        new Chart.Row("plaintext", 50_000, 52_000, 60_000, 70_000),
        new Chart.Row("blog-page", 9_000, Double.NaN, Double.NaN, Double.NaN)));
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertEquals("svg", doc.getDocumentElement().getTagName());
    assertTrue(svg.contains(">T &lt;&amp;&gt;<"), "title escaped");
    assertTrue(svg.contains(">50,000<") && svg.contains(">52,000<") && svg.contains(">9,000<"), svg);
    assertTrue(svg.contains(">not measured<"), "the blog has no baseline bar");
    // 1 white background + 3 legend swatches + 3 bars + 1 target band
    assertEquals(8, doc.getElementsByTagName("rect").getLength());
  }

  @Test
  void axisEndsOnARoundNumber() {
    assertEquals(100_000, Chart.niceCeiling(70_000));
    assertEquals(2_500, Chart.niceCeiling(2_001));
    assertEquals(50, Chart.niceCeiling(42));
    assertEquals(1, Chart.niceCeiling(1));
  }
}
