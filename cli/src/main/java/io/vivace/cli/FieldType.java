package io.vivace.cli;

/**
 * The column types of {@code vivace generate resource}: how each is declared in SQL, held in Java,
 * read from a row and validated. {@link #REF} is a foreign key to another resource's {@code id}.
 */
enum FieldType {
  STRING("string", "text", "String", "String", "getString", "", true),
  TEXT("text", "text", "String", "String", "getString", "", true),
  INT("int", "integer", "int", "Integer", "getInteger", "", false),
  LONG("long", "bigint", "long", "Long", "getLong", "", false),
  BOOL("bool", "boolean", "boolean", "Boolean", "getBoolean", "", false),
  DECIMAL("decimal", "numeric(19, 4)", "BigDecimal", "BigDecimal", "getBigDecimal", "java.math.BigDecimal", false),
  TIMESTAMP("timestamp", "timestamptz", "OffsetDateTime", "OffsetDateTime", "getOffsetDateTime",
      "java.time.OffsetDateTime", false),
  DATE("date", "date", "LocalDate", "LocalDate", "getLocalDate", "java.time.LocalDate", false),
  UUID("uuid", "uuid", "UUID", "UUID", "getUUID", "java.util.UUID", false),
  REF("ref", "bigint", "long", "Long", "getLong", "", false);

  /** The name on the command line. */
  final String cliName;
  /** The PostgreSQL column type. */
  final String sqlType;
  /** The Java type of a NOT NULL column in the record (a primitive where there is one). */
  final String javaType;
  /** The Java type of a nullable column and of every input field (absent is null). */
  final String boxedType;
  /** The {@code io.vertx.sqlclient.Row} getter. */
  final String rowGetter;
  /** The import the Java type needs, or empty. */
  final String javaImport;
  /** Whether the value is text (validated as not blank with a maximum length). */
  final boolean textual;

  FieldType(String cliName, String sqlType, String javaType, String boxedType, String rowGetter, String javaImport,
      boolean textual) {
    this.cliName = cliName;
    this.sqlType = sqlType;
    this.javaType = javaType;
    this.boxedType = boxedType;
    this.rowGetter = rowGetter;
    this.javaImport = javaImport;
    this.textual = textual;
  }

  /** The type named {@code name} on the command line ({@code ref} is written {@code ref:Other}). */
  static FieldType of(String name) {
    for (FieldType t : values()) {
      if (t != REF && t.cliName.equals(name)) {
        return t;
      }
    }
    throw CliException.usage("unknown type '" + name + "': use string, text, int, long, bool, decimal, "
        + "timestamp, date, uuid or ref:<Resource>");
  }

  /** The maximum length of a value: 255 for string, 100000 for text, 0 for other types. */
  int maxLength() {
    return this == STRING ? 255 : this == TEXT ? 100_000 : 0;
  }
}
