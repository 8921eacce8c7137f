package io.vivace.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The template model of one resource in a project: names, columns, Java types, validation, and its
 * relations (belongs-to from its {@code ref:} fields, has-many from other resources' references to
 * it). Built from {@link Project} alone, so regenerating a resource gives the same text.
 */
final class ResourceModel {
  private ResourceModel() {
  }

  /** The model of {@code Resources.java}: every resource's routes, registered once, by name. */
  static Map<String, Object> registry(Project project) {
    Map<String, Object> m = new HashMap<>();
    m.put("package", project.packageName);
    m.put("auth", project.has("auth"));
    List<Map<String, Object>> rs = new ArrayList<>();
    for (String r : project.resources.keySet()) {
      rs.add(Map.of("name", r));
    }
    m.put("resources", rs);
    return m;
  }

  /** The relations of {@code resource}: name → [kind, other resource, the ref field]. */
  static List<Relation> relations(Project project, String resource) {
    List<Relation> out = new ArrayList<>();
    for (FieldSpec f : project.resources.get(resource)) {
      if (f.type() == FieldType.REF) {
        out.add(new Relation(f.name(), false, f.target(), f));
      }
    }
    for (Map.Entry<String, List<FieldSpec>> other : project.resources.entrySet()) {
      List<FieldSpec> refs = other.getValue().stream()
          .filter(f -> f.type() == FieldType.REF && f.target().equals(resource)).toList();
      for (FieldSpec f : refs) {
        String name = Names.lowerCamel(Names.plural(other.getKey()));
        if (refs.size() > 1) {
          name += "By" + Names.upperCamel(f.name());
        }
        out.add(new Relation(name, true, other.getKey(), f));
      }
    }
    return out;
  }

  /** One relation: a belongs-to ({@code many} false) or a has-many of {@code other}. */
  record Relation(String name, boolean many, String other, FieldSpec field) {
  }

  /** The model of every template of {@code resource}. */
  static Map<String, Object> of(Project project, String resource, String args) {
    List<FieldSpec> fields = project.resources.get(resource);
    Map<String, Object> m = new HashMap<>();
    m.put("package", project.packageName);
    m.put("appClass", project.appClass());
    m.put("auth", project.has("auth"));
    m.put("redis", project.has("redis"));
    m.put("name", resource);
    m.put("var", Names.lowerCamel(resource));
    m.put("table", Names.table(resource));
    m.put("path", Names.path(resource));
    m.put("human", Names.snake(resource).replace('_', ' '));
    m.put("args", args);
    String human = Names.snake(resource).replace('_', ' ');
    String article = "aeiou".indexOf(human.charAt(0)) >= 0 ? "an " : "a ";
    m.put("aHuman", article + human);
    m.put("aHumanCap", Names.upperCamel(article) + human);
    m.put("plural", Names.plural(resource));           // operation ids: listBlogPosts
    m.put("humanPluralCap", Names.upperCamel(Names.plural(human))); // summaries: "Blog posts, by id"
    m.put("tag", Names.path(resource).substring(1));    // the OpenAPI tag: blog-posts

    Set<String> imports = new TreeSet<>();
    List<String> columns = new ArrayList<>(List.of("id"));
    Map<String, String> components = new LinkedHashMap<>(Map.of("id", "long"));
    Map<String, String> inputComponents = new LinkedHashMap<>();
    List<String> mapping = new ArrayList<>(List.of("row.getLong(0)"));
    List<String> copies = new ArrayList<>(List.of("r.id()"));
    List<String> sqlColumns = new ArrayList<>(List.of("id bigserial PRIMARY KEY"));
    List<String> indexes = new ArrayList<>();
    List<String> validations = new ArrayList<>();
    List<String> params = new ArrayList<>();
    List<String> insertArgs = new ArrayList<>();
    List<String> sets = new ArrayList<>();
    List<String> required = new ArrayList<>();
    List<Map<String, Object>> refs = new ArrayList<>();
    List<String> json = new ArrayList<>();
    List<Map<String, Object>> fieldModels = new ArrayList<>();
    int i = 1;
    for (FieldSpec f : fields) {
      FieldType t = f.type();
      if (!t.javaImport.isEmpty()) {
        imports.add(t.javaImport);
      }
      String javaType = f.nullable() ? t.boxedType : t.javaType;
      columns.add(f.column());
      components.put(f.property(), javaType);
      inputComponents.put(f.property(), t.boxedType);
      mapping.add("row." + t.rowGetter + "(" + i + ")");
      copies.add("r." + f.property() + "()");
      String decl = f.column() + " " + t.sqlType + (f.nullable() ? "" : " NOT NULL") + (f.unique() ? " UNIQUE" : "");
      if (t == FieldType.REF) {
        decl += " REFERENCES " + Names.table(f.target());
        indexes.add("CREATE INDEX " + Names.table(resource) + "_" + f.column() + " ON " + Names.table(resource)
            + " (" + f.column() + ");");
        Map<String, Object> ref = new HashMap<>();
        ref.put("property", f.property());
        ref.put("index", refs.size());
        ref.put("param", refs.size() + 1);
        ref.put("targetTable", Names.table(f.target()));
        ref.put("targetHuman", Names.snake(f.target()).replace('_', ' '));
        ref.put("target", f.target());
        refs.add(ref);
      }
      sqlColumns.add(decl);
      String getter = resource + "Input::" + f.property(); // Rules: checked per request, described in the OpenAPI schema
      if (t.textual) {
        if (!f.nullable()) {
          validations.add(".notBlank(\"" + f.property() + "\", " + getter + ")");
        }
        validations.add(".length(\"" + f.property() + "\", " + getter + ", " + (f.nullable() ? 0 : 1) + ", "
            + t.maxLength() + ")");
      } else if (!f.nullable()) {
        validations.add(".required(\"" + f.property() + "\", " + getter + ")");
      }
      if (!f.nullable()) {
        required.add("\"#/" + f.property() + "\"");
      }
      params.add("$" + i);
      insertArgs.add("in." + f.property() + "()");
      sets.add(f.column() + " = $" + (i + 1));
      json.add("\\\"" + f.property() + "\\\":" + sample(f));
      Map<String, Object> fm = new HashMap<>();
      fm.put("property", f.property());
      fm.put("textual", t.textual);
      fieldModels.add(fm);
      i++;
    }
    m.put("imports", new ArrayList<>(imports));
    m.put("columns", String.join(", ", columns));
    m.put("components", declare(components));
    m.put("inputComponents", declare(inputComponents));
    accessors(m, "record", components);
    accessors(m, "input", inputComponents);
    m.put("mapping", String.join(", ", mapping));
    m.put("sqlColumns", String.join(",\n  ", sqlColumns));
    m.put("indexes", indexes);
    m.put("validations", validations);
    m.put("insertColumns", String.join(", ", columns.subList(1, columns.size())));
    m.put("insertParams", String.join(", ", params));
    m.put("insertArgs", String.join(", ", insertArgs));
    m.put("updateSets", String.join(", ", sets));
    m.put("required", String.join(", ", required));
    m.put("hasRequired", !required.isEmpty());
    m.put("refs", refs);
    m.put("hasRefs", !refs.isEmpty());
    m.put("refArgs", String.join(", ", refs.stream().map(r -> "in." + r.get("property") + "()").toList()));
    m.put("missingRefs", String.join("\"\n      + \", ", refs.stream().map(r -> "($" + r.get("param") + "::bigint IS NOT NULL"
        + " AND NOT EXISTS (SELECT 1 FROM " + r.get("targetTable") + " WHERE id = $" + r.get("param") + "))").toList()));
    m.put("sampleJson", "\"{" + String.join(",", json) + "}\"");
    m.put("uniqueField", fields.stream().anyMatch(FieldSpec::unique));
    FieldSpec text = fields.stream().filter(f -> f.type().textual && !f.nullable()).findFirst().orElse(null);
    m.put("textField", text == null ? null : Map.of("property", text.property()));

    List<Map<String, Object>> rels = new ArrayList<>();
    Map<String, String> detailComponents = new LinkedHashMap<>(components);
    boolean hasMany = false;
    for (Relation r : relations(project, resource)) {
      Map<String, Object> rm = new HashMap<>();
      rm.put("name", r.name());
      rm.put("parent", resource);
      rm.put("constant", Names.snake(r.name()).toUpperCase(Locale.ROOT));
      rm.put("other", r.other());
      rm.put("otherTable", Names.table(r.other()));
      rm.put("many", r.many());
      rm.put("column", r.field().column());
      rm.put("property", r.field().property());
      rels.add(rm);
      detailComponents.put(r.name(), r.many() ? "List<" + r.other() + ">" : r.other());
      hasMany |= r.many();
    }
    m.put("relations", rels);
    m.put("hasRelations", !rels.isEmpty());
    m.put("hasMany", hasMany);
    m.put("detailComponents", declare(detailComponents));
    accessors(m, "detail", detailComponents);
    m.put("copies", String.join(", ", copies));
    m.put("nulls", String.join(", ", rels.stream().map(r -> "null").toList()));
    m.put("fixtures", fixtures(project, resource));
    return m;
  }

  /** Record components: {@code long id, String title}. */
  private static String declare(Map<String, String> components) {
    List<String> out = new ArrayList<>();
    components.forEach((name, type) -> out.add(type + " " + name));
    return String.join(", ", out);
  }

  /**
   * The bean getters ({@code <kind>Accessors}) a record needs for its components named is…, get… or
   * set…, and whether it imports {@code JsonAttribute} ({@code <kind>HidesAccessors}): see
   * {@link JsonAccessors}.
   */
  private static void accessors(Map<String, Object> m, String kind, Map<String, String> components) {
    List<Map<String, Object>> model = JsonAccessors.model(components);
    m.put(kind + "Accessors", model);
    m.put(kind + "HidesAccessors", JsonAccessors.hidesAny(model));
  }

  /** A Java expression fragment (inside a string literal) giving a valid JSON value; {@code n} is unique. */
  private static String sample(FieldSpec f) {
    switch (f.type()) {
      case STRING:
      case TEXT:
        return "\\\"" + f.property() + " \" + n + \"\\\"";
      case INT:
      case LONG:
        return "\" + n + \"";
      case BOOL:
        return "true";
      case DECIMAL:
        return "\" + n + \".25";
      case TIMESTAMP:
        return "\\\"\" + Instant.ofEpochSecond(1_700_000_000L + n) + \"\\\"";
      case DATE:
        return "\\\"\" + LocalDate.of(2024, 1, 1).plusDays(n) + \"\\\"";
      case UUID:
        return "\\\"\" + UUID.randomUUID() + \"\\\"";
      case REF:
        return "\" + create" + f.target() + "() + \"";
      default:
        throw new IllegalStateException(f.type().name());
    }
  }

  /**
   * The test fixtures a resource's test needs: a JSON body and a create method for the resource and,
   * transitively, every resource it references (each created through its own route).
   */
  private static List<Map<String, Object>> fixtures(Project project, String resource) {
    Set<String> needed = new LinkedHashSet<>();
    collect(project, resource, needed);
    List<Map<String, Object>> out = new ArrayList<>();
    for (String r : needed) {
      List<String> json = new ArrayList<>();
      for (FieldSpec f : project.resources.get(r)) {
        json.add("\\\"" + f.property() + "\\\":" + sample(f));
      }
      out.add(Map.of("name", r, "path", Names.path(r), "sampleJson", "\"{" + String.join(",", json) + "}\""));
    }
    return out;
  }

  private static void collect(Project project, String resource, Set<String> needed) {
    if (needed.add(resource)) {
      for (FieldSpec f : project.resources.get(resource)) {
        if (f.type() == FieldType.REF) {
          collect(project, f.target(), needed);
        }
      }
    }
  }
}
