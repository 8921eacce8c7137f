package io.vivace.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The versions a generated project pins: the tool's own version (the framework artifacts it depends
 * on) and every plugin and library version of the framework's root {@code pom.xml}, which the build
 * copies into the jar. Reading them from there means a generated project never drifts from the
 * framework's build: it uses exactly the plugins the framework's build downloaded, so it builds
 * offline. Immutable and thread-safe once loaded.
 */
final class Versions {
  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

  private final String tool;
  private final Map<String, String> properties;
  private final Map<String, String> managed;

  private Versions(String tool, Map<String, String> properties, Map<String, String> managed) {
    this.tool = tool;
    this.properties = properties;
    this.managed = managed;
  }

  /** The versions built into this jar. */
  static Versions load() {
    Properties toolProps = new Properties();
    try (InputStream in = Versions.class.getResourceAsStream("tool.properties");
        InputStream pom = Versions.class.getResourceAsStream("pom.xml")) {
      if (in == null || pom == null) {
        throw new IllegalStateException("tool.properties or pom.xml missing from the vivace jar");
      }
      toolProps.load(in);
      return parse(toolProps.getProperty("version"), pom);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Versions parse(String toolVersion, InputStream rootPom) {
    try {
      Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(rootPom);
      Element project = doc.getDocumentElement();
      Map<String, String> props = new HashMap<>();
      props.put("project.version", toolVersion);
      Element propsEl = child(project, "properties");
      if (propsEl != null) {
        for (Node n = propsEl.getFirstChild(); n != null; n = n.getNextSibling()) {
          if (n instanceof Element) {
            props.put(n.getNodeName(), n.getTextContent().trim());
          }
        }
      }
      Map<String, String> managed = new HashMap<>();
      NodeList versions = project.getElementsByTagName("version");
      for (int i = 0; i < versions.getLength(); i++) {
        Element v = (Element) versions.item(i);
        Element owner = (Element) v.getParentNode();
        Element artifact = child(owner, "artifactId");
        if (owner != project && artifact != null) {
          managed.putIfAbsent(artifact.getTextContent().trim(), v.getTextContent().trim());
        }
      }
      Versions result = new Versions(toolVersion, props, managed);
      managed.replaceAll((k, v) -> result.resolve(v));
      return result;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the framework's versions from the built-in pom.xml", e);
    }
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element && n.getNodeName().equals(name)) {
        return (Element) n;
      }
    }
    return null;
  }

  private String resolve(String value) {
    Matcher m = PROPERTY.matcher(value);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String v = properties.get(m.group(1));
      if (v == null) {
        throw new IllegalStateException("the root pom uses ${" + m.group(1) + "}, which it does not define");
      }
      m.appendReplacement(b, Matcher.quoteReplacement(v));
    }
    m.appendTail(b);
    return b.toString();
  }

  /** The tool's version, which is the framework version generated projects depend on. */
  String tool() {
    return tool;
  }

  /** The managed version of a plugin or library by artifact id ({@code maven-compiler-plugin}). */
  String of(String artifactId) {
    String v = managed.get(artifactId);
    if (v == null) {
      throw new IllegalStateException("the root pom manages no version of " + artifactId);
    }
    return v;
  }

  /** A property of the root pom ({@code vertx.version}), or null. */
  String property(String name) {
    return properties.get(name);
  }

  /**
   * The versions as a template model: {@code vivace}, {@code java}, {@code dslJson} (the annotation
   * processor) and the plugins, {@code compiler}, {@code surefire}, ..., {@code exec} (the load-test
   * profile's launcher), {@code jib} (container images); libraries come from the
   * framework's dependency management, which generated projects import.
   */
  Map<String, String> model() {
    Map<String, String> m = new HashMap<>();
    m.put("vivace", tool);
    m.put("java", properties.get("maven.compiler.release"));
    m.put("dslJson", of("dsl-json"));
    m.put("clean", of("maven-clean-plugin"));
    m.put("resources", of("maven-resources-plugin"));
    m.put("compiler", of("maven-compiler-plugin"));
    m.put("surefire", of("maven-surefire-plugin"));
    m.put("jar", of("maven-jar-plugin"));
    m.put("shade", of("maven-shade-plugin"));
    m.put("install", of("maven-install-plugin"));
    m.put("deploy", of("maven-deploy-plugin"));
    m.put("site", of("maven-site-plugin"));
    m.put("exec", of("exec-maven-plugin"));
    m.put("jib", of("jib-maven-plugin"));
    return m;
  }
}
