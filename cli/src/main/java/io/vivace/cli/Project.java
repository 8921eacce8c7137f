package io.vivace.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A project made by {@code vivace new}, described by its {@value #FILE}: name, group, package,
 * features and every generated resource with its fields as given on the command line. The tool
 * regenerates the files that depend on more than one resource (relations, the route registration)
 * from this description, so it is the single source of truth; edit it only through the tool.
 */
final class Project {
  static final String FILE = "vivace.properties";

  final Path root;
  final String name;
  final String group;
  final String packageName;
  final List<String> features;
  /** Resource name → its fields, sorted by name. */
  final Map<String, List<FieldSpec>> resources;

  Project(Path root, String name, String group, String packageName, List<String> features,
      Map<String, List<FieldSpec>> resources) {
    this.root = root;
    this.name = name;
    this.group = group;
    this.packageName = packageName;
    this.features = List.copyOf(features);
    this.resources = new TreeMap<>(resources);
  }

  /** The project containing {@code dir} (it or a parent holds {@value #FILE}); exit 3 when there is none. */
  static Project find(Path dir) throws IOException {
    for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
      Path f = d.resolve(FILE);
      if (Files.isRegularFile(f)) {
        return read(d, f);
      }
    }
    throw new CliException(VivaceCli.EXIT_NOT_A_PROJECT, "not inside a Vivace project: no " + FILE + " in "
        + dir.toAbsolutePath().normalize() + " or its parents (create one with: vivace new <name>)");
  }

  private static Project read(Path root, Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Map<String, List<FieldSpec>> resources = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith("resource.")) {
        List<FieldSpec> fields = new ArrayList<>();
        for (String arg : p.getProperty(key).trim().split("\\s+")) {
          fields.add(FieldSpec.parse(arg));
        }
        resources.put(Names.resource(key.substring("resource.".length())), fields);
      }
    }
    String features = p.getProperty("features", "");
    return new Project(root, Names.project(p.getProperty("name")), p.getProperty("group"),
        Names.packageName("package", p.getProperty("package")),
        features.isBlank() ? List.of() : Arrays.asList(features.split(",")), resources);
  }

  boolean has(String feature) {
    return features.contains(feature);
  }

  /** The main class: {@code my-shop} → {@code MyShopApp}. */
  String appClass() {
    return Names.className(name) + "App";
  }

  /** The source folder of the package, relative to the root: {@code src/main/java/com/example/shop}. */
  String sourceDir(String set) {
    return "src/" + set + "/java/" + packageName.replace('.', '/');
  }

  /** This project with one more (or a replaced) resource. */
  Project with(String resource, List<FieldSpec> fields) {
    Map<String, List<FieldSpec>> m = new LinkedHashMap<>(resources);
    m.put(resource, List.copyOf(fields));
    return new Project(root, name, group, packageName, features, m);
  }

  /** The text of {@value #FILE}, stable (sorted) so that regenerating it changes nothing. */
  String render() {
    StringBuilder b = new StringBuilder();
    b.append("# This project's description for the vivace tool (vivace generate ... rewrites it).\n");
    b.append("name=").append(name).append('\n');
    b.append("group=").append(group).append('\n');
    b.append("package=").append(packageName).append('\n');
    b.append("features=").append(String.join(",", features)).append('\n');
    for (Map.Entry<String, List<FieldSpec>> r : resources.entrySet()) {
      b.append("resource.").append(r.getKey()).append('=');
      b.append(String.join(" ", r.getValue().stream().map(FieldSpec::toArg).toList())).append('\n');
    }
    return b.toString();
  }
}
