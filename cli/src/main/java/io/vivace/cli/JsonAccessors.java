package io.vivace.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The extra members that keep a generated record's JSON names equal to its component names when a
 * component starts with {@code is}, {@code get} or {@code set} ({@code isDone}, {@code getaway},
 * {@code settled}, {@code isbn}).
 *
 * <p>DSL-JSON 2.0.2's annotation processor reads a method whose name starts with one of those
 * prefixes as a bean accessor: it never takes it as an exact property, and as a getter it drops the
 * prefix ({@code getaway()} becomes {@code away}; {@code isDone()} counts only when it returns a
 * primitive {@code boolean}). So such a component would have no property, and the canonical
 * constructor would not compile into a converter. For each one the record gets a bean getter,
 * {@code get} + the capitalised name ({@code getIsDone()}), which the processor names back to the
 * component ({@code isDone}); a component starting with {@code get} also gets its accessor declared
 * with {@code @JsonAttribute(ignore = true)}, so the prefix-less name it would stand for
 * ({@code away}) cannot clash with another component of that name.
 */
final class JsonAccessors {
  private JsonAccessors() {
  }

  /** Whether {@code component} needs a bean getter: it starts with {@code is}, {@code get} or {@code set}. */
  static boolean needed(String component) {
    return component.startsWith("is") || component.startsWith("get") || component.startsWith("set");
  }

  /** The bean getter of {@code component}: {@code isDone} → {@code getIsDone}. */
  static String getter(String component) {
    return "get" + Names.upperCamel(component);
  }

  /**
   * The template model of the extra members of a record with {@code components} (name → Java type,
   * in order): one map per component that needs a getter, with {@code name}, {@code type},
   * {@code getter} and {@code hidden} (its accessor is declared and ignored by DSL-JSON), plus
   * {@code stripped} (the name DSL-JSON would read from the accessor).
   */
  static List<Map<String, Object>> model(Map<String, String> components) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map.Entry<String, String> c : components.entrySet()) {
      String name = c.getKey();
      if (!needed(name)) {
        continue;
      }
      Map<String, Object> m = new HashMap<>();
      m.put("name", name);
      m.put("type", c.getValue());
      m.put("getter", getter(name));
      boolean hidden = name.startsWith("get") && name.length() > 3;
      m.put("hidden", hidden);
      m.put("stripped", hidden ? Names.lowerCamel(name.substring(3)) : name);
      out.add(m);
    }
    return out;
  }

  /** Whether any member of {@code model} declares its accessor (so the record imports {@code JsonAttribute}). */
  static boolean hidesAny(List<Map<String, Object>> model) {
    return model.stream().anyMatch(m -> (Boolean) m.get("hidden"));
  }

  /**
   * The getter a component of {@code names} needs that another of them already is as an accessor
   * ({@code isDone} needs {@code getIsDone()}, the accessor of a component {@code getIsDone}), or
   * null when there is none.
   */
  static String clash(Collection<String> names) {
    for (String n : names) {
      if (needed(n) && names.contains(getter(n))) {
        return n;
      }
    }
    return null;
  }
}
