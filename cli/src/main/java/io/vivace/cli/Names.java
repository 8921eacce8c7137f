package io.vivace.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;
import org.atteo.evo.inflector.English;

/**
 * Validation and spelling of the names the tool writes into code, SQL and paths. Every check throws
 * a {@link CliException} (exit 1) whose message shows the bad value and what is allowed.
 */
final class Names {
  /** PostgreSQL's reserved key words (SQL Key Words appendix, "reserved" in the PostgreSQL column). */
  static final Set<String> SQL_RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc",
      "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create",
      "current_catalog", "current_date", "current_role", "current_time", "current_timestamp", "current_user",
      "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for",
      "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into", "lateral",
      "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
      "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric",
      "system_user", "table", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic",
      "when", "where", "window", "with");

  /**
   * Class names a resource cannot take: java.lang types and the framework types the generated code
   * imports, which a resource class of the same name would shadow.
   */
  static final Set<String> RESERVED_CLASSES = Set.of("Object", "String", "Integer", "Long", "Boolean",
      "Character", "Byte", "Short", "Float", "Double", "Number", "Math", "System", "Thread", "Class", "Record",
      "Enum", "Void", "Override", "Exception", "Error", "Runtime", "Process", "Module", "Package",
      "App", "Vivace", "Database", "Sql", "Page", "CursorPage", "Response", "Future", "Row", "Tuple", "List",
      "Map", "Optional", "Relation", "Eager", "Include", "Keyset", "Path", "Body", "Pagination", "Validation",
      "Resources", "BigDecimal", "LocalDate", "OffsetDateTime", "UUID", "Auth", "AuthUser");

  private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  private static final Pattern PACKAGE_SEGMENT = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern RESOURCE = Pattern.compile("[A-Z][A-Za-z0-9]*");
  private static final Pattern FIELD = Pattern.compile("[a-z][A-Za-z0-9]*");
  private static final Pattern MIGRATION = Pattern.compile("[a-z][a-z0-9_]*");

  private Names() {
  }

  /**
   * Whether {@code word} is a Java keyword or literal, or a restricted identifier, in the newest
   * language this JDK knows ({@link SourceVersion#isKeyword(CharSequence)} covers the keywords and
   * {@code true}, {@code false}, {@code null}, {@code _}; {@code var}, {@code yield}, {@code record},
   * {@code sealed}, {@code permits} are restricted identifiers (JLS 3.9) that a type cannot take).
   */
  static boolean javaKeyword(String word) {
    return SourceVersion.isKeyword(word, SourceVersion.latest()) || RESTRICTED.contains(word);
  }

  /** Restricted identifiers and contextual keywords that generated types and variables avoid (JLS 3.9). */
  private static final Set<String> RESTRICTED = Set.of("var", "yield", "record", "sealed", "permits");

  /** A project name: lower case letters, digits and single hyphens, starting with a letter ({@code my-shop}). */
  static String project(String name) {
    if (name == null || !PROJECT.matcher(name).matches() || name.length() > 64) {
      throw CliException.usage("invalid project name '" + name + "': use lower-case letters, digits and "
          + "single hyphens, starting with a letter (like my-shop), at most 64 characters");
    }
    String joined = name.replace("-", "");
    if (javaKeyword(joined)) {
      throw CliException.usage("invalid project name '" + name + "': '" + joined + "' is a Java keyword");
    }
    return name;
  }

  /** A Java package or Maven group id: dot-separated lower-case segments, none a Java keyword. */
  static String packageName(String option, String name) {
    if (name == null || name.isEmpty()) {
      throw CliException.usage("invalid " + option + " '': it must not be empty");
    }
    for (String segment : name.split("\\.", -1)) {
      if (!PACKAGE_SEGMENT.matcher(segment).matches()) {
        throw CliException.usage("invalid " + option + " '" + name + "': segment '" + segment
            + "' must be lower-case letters, digits and _, starting with a letter");
      }
      if (javaKeyword(segment)) {
        throw CliException.usage("invalid " + option + " '" + name + "': '" + segment + "' is a Java keyword");
      }
    }
    return name;
  }

  /** A resource name: a singular Java class name in UpperCamelCase ({@code BlogPost}). */
  static String resource(String name) {
    if (name == null || !RESOURCE.matcher(name).matches() || name.length() > 50) {
      throw CliException.usage("invalid resource name '" + name + "': use a singular UpperCamelCase name "
          + "of letters and digits (like BlogPost), at most 50 characters");
    }
    if (RESERVED_CLASSES.contains(name)) {
      throw CliException.usage("invalid resource name '" + name + "': it would shadow the class " + name
          + " that generated code uses; choose another name");
    }
    if (javaKeyword(name.toLowerCase(Locale.ROOT)) || SQL_RESERVED.contains(table(name))) {
      throw CliException.usage("invalid resource name '" + name + "': '" + table(name)
          + "' is a reserved word in Java or SQL");
    }
    return name;
  }

  /**
   * A field name: lowerCamelCase letters and digits, not a keyword, not {@code id}. Names starting
   * with {@code is}, {@code get} or {@code set} are allowed: the generated records give them bean
   * getters so that their JSON names stay as written ({@link JsonAccessors}).
   */
  static String field(String name) {
    if (name == null || !FIELD.matcher(name).matches() || name.length() > 50) {
      throw CliException.usage("invalid field name '" + name + "': use lowerCamelCase letters and digits, "
          + "starting with a letter (like publishedAt), at most 50 characters");
    }
    if (javaKeyword(name)) {
      throw CliException.usage("invalid field name '" + name + "': it is a Java keyword");
    }
    if (SQL_RESERVED.contains(snake(name))) {
      throw CliException.usage("invalid field name '" + name + "': '" + snake(name) + "' is reserved in SQL");
    }
    if (name.equals("id")) {
      throw CliException.usage("invalid field name 'id': every resource has an id already");
    }
    return name;
  }

  /** A migration description: lower-case snake_case ({@code add_index_to_posts}). */
  static String migration(String name) {
    if (name == null || !MIGRATION.matcher(name).matches() || name.length() > 100) {
      throw CliException.usage("invalid migration name '" + name + "': use lower-case letters, digits and _, "
          + "starting with a letter (like add_index_to_posts)");
    }
    return name;
  }

  /** {@code publishedAt} → {@code published_at}; {@code BlogPost} → {@code blog_post}. */
  static String snake(String camel) {
    StringBuilder b = new StringBuilder(camel.length() + 4);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0) {
          b.append('_');
        }
        b.append(Character.toLowerCase(c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * Plurals that the inflector gets wrong for resource names, by the word's last part: only
   * {@code person} → {@code people} (evo-inflector 2.0 answers {@code persons}, an accepted but rarer
   * plural that no REST API uses; no maintained inflector on Maven Central gives {@code people} and
   * the other plurals NamesTest checks).
   */
  private static final Map<String, String> IRREGULAR = Map.of("person", "people");

  /**
   * English plural of a word's last part, from the evo-inflector library's rules (regular endings,
   * irregular and uninflected nouns), with {@link #IRREGULAR} first: {@code category} →
   * {@code categories}, {@code child} → {@code children}, {@code blog_post} → {@code blog_posts},
   * {@code SalesPerson} → {@code SalesPeople}. The case of the last part's first letter is kept.
   */
  static String plural(String word) {
    int cut = Math.max(word.lastIndexOf('_'), word.lastIndexOf(' ')) + 1;
    String head = word.substring(0, cut);
    String last = word.substring(cut);
    int camel = last.length() - 1;
    while (camel > 0 && !Character.isUpperCase(last.charAt(camel))) {
      camel--;
    }
    String irregular = IRREGULAR.get(last.substring(camel).toLowerCase(Locale.ROOT));
    if (irregular != null) {
      boolean upper = Character.isUpperCase(last.charAt(camel));
      return head + last.substring(0, camel) + (upper ? upperCamel(irregular) : irregular);
    }
    return head + English.plural(last);
  }

  /** The table of a resource: snake_case plural ({@code BlogPost} → {@code blog_posts}). */
  static String table(String resource) {
    return plural(snake(resource));
  }

  /** The URL path of a resource: kebab-case plural ({@code BlogPost} → {@code /blog-posts}). */
  static String path(String resource) {
    return "/" + table(resource).replace('_', '-');
  }

  /** {@code BlogPost} → {@code blogPost}. */
  static String lowerCamel(String upper) {
    return Character.toLowerCase(upper.charAt(0)) + upper.substring(1);
  }

  /** {@code blogPost} → {@code BlogPost}. */
  static String upperCamel(String lower) {
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  /** {@code my-shop} → {@code MyShop}. */
  static String className(String project) {
    StringBuilder b = new StringBuilder();
    for (String part : project.split("-")) {
      b.append(upperCamel(part));
    }
    return b.toString();
  }
}
