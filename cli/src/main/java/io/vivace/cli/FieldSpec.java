package io.vivace.cli;

/**
 * One field of a resource, parsed from {@code name:type} with the modifiers {@code ?} (nullable) and
 * {@code !} (unique) after the type, in any order: {@code title:string!}, {@code bio:text?},
 * {@code author:ref:User}. Immutable.
 *
 * @param name the field's lowerCamelCase name; for a reference, the relation's name ({@code author})
 * @param target the referenced resource for {@link FieldType#REF}, else null
 */
record FieldSpec(String name, FieldType type, String target, boolean nullable, boolean unique) {

  /** Parses one argument; a {@link CliException} (exit 1) names what is wrong with it. */
  static FieldSpec parse(String arg) {
    int colon = arg.indexOf(':');
    if (colon < 0) {
      throw CliException.usage("invalid field '" + arg + "': write name:type, like title:string");
    }
    String name = Names.field(arg.substring(0, colon));
    String rest = arg.substring(colon + 1);
    boolean nullable = false;
    boolean unique = false;
    while (!rest.isEmpty() && (rest.endsWith("?") || rest.endsWith("!"))) {
      char m = rest.charAt(rest.length() - 1);
      if (m == '?' ? nullable : unique) {
        throw CliException.usage("invalid field '" + arg + "': the modifier " + m + " is given twice");
      }
      if (m == '?') {
        nullable = true;
      } else {
        unique = true;
      }
      rest = rest.substring(0, rest.length() - 1);
    }
    FieldType type;
    String target = null;
    if (rest.startsWith("ref:")) {
      type = FieldType.REF;
      target = Names.resource(rest.substring(4));
      if (unique) {
        throw CliException.usage("invalid field '" + arg + "': a reference cannot be unique (it is a has-many)");
      }
    } else {
      type = FieldType.of(rest);
    }
    if (unique && type == FieldType.BOOL) {
      throw CliException.usage("invalid field '" + arg + "': a bool cannot be unique (it has two values)");
    }
    return new FieldSpec(name, type, target, nullable, unique);
  }

  /** The record component and JSON property: {@code authorId} for a reference, else the name. */
  String property() {
    return type == FieldType.REF ? name + "Id" : name;
  }

  /** The column: snake_case of {@link #property()}. */
  String column() {
    return Names.snake(property());
  }

  /** The argument back as written: {@code name:type} with its modifiers. */
  String toArg() {
    return name + ":" + (type == FieldType.REF ? "ref:" + target : type.cliName) + (nullable ? "?" : "")
        + (unique ? "!" : "");
  }
}
