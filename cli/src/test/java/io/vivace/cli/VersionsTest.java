package io.vivace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A generated pom pins exactly the plugin versions of the framework's root pom, and the tool's own version. */
class VersionsTest {
  @TempDir
  Path tmp;

  static Map<String, String> plugins(Path pom, Versions resolve) throws Exception {
    Map<String, String> out = new HashMap<>();
    try (InputStream in = Files.newInputStream(pom)) {
      NodeList plugins = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in)
          .getElementsByTagName("plugin");
      for (int i = 0; i < plugins.getLength(); i++) {
        Element p = (Element) plugins.item(i);
        NodeList v = p.getElementsByTagName("version");
        if (v.getLength() > 0 && v.item(0).getParentNode() == p) {
          String artifact = p.getElementsByTagName("artifactId").item(0).getTextContent();
          out.put(artifact, resolve == null ? v.item(0).getTextContent() : resolve.of(artifact));
        }
      }
    }
    return out;
  }

  @Test
  void generatedPluginVersionsAreTheRootPomsOnes() throws Exception {
    Versions versions = Versions.load();
    Path rootPom = Path.of("..", "pom.xml");
    assertTrue(Files.isRegularFile(rootPom), "run from the cli module");
    Map<String, String> root = plugins(rootPom, versions);
    assertEquals(0, Cli.run("new", "shop", "--dir", tmp.toString()).exit());
    String pomText = Files.readString(tmp.resolve("shop/pom.xml"));
    Map<String, String> generated = plugins(tmp.resolve("shop/pom.xml"), null);
    assertTrue(generated.size() >= 8, generated.toString());
    for (Map.Entry<String, String> g : generated.entrySet()) {
      assertEquals(root.get(g.getKey()), g.getValue(), g.getKey() + " in the generated pom");
    }
    assertTrue(pomText.contains("<vivace.version>" + versions.tool() + "</vivace.version>"), pomText);
    assertTrue(pomText.contains("<dsl-json.version>" + versions.property("dsl-json.version") + "</dsl-json.version>"));
    assertFalse(pomText.contains("{{"), "every template value filled");
  }

  @Test
  void theToolVersionIsTheFrameworkVersion() {
    Versions v = Versions.load();
    assertEquals(v.property("project.version"), v.tool());
    assertTrue(v.tool().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), v.tool());
    assertFalse(v.model().values().stream().anyMatch(s -> s == null || s.contains("${")), v.model().toString());
  }
}
