package io.vivace.cli;

import static io.vivace.cli.NamesTest.assertUsage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every type and modifier of {@code field:type}, and every way to get one wrong. */
class FieldSpecTest {
  @ParameterizedTest
  @CsvSource({
      "title:string, STRING, text", "body:text, TEXT, text", "pages:int, INT, integer", "views:long, LONG, bigint",
      "done:bool, BOOL, boolean", "price:decimal, DECIMAL, 'numeric(19, 4)'", "at:timestamp, TIMESTAMP, timestamptz",
      "born:date, DATE, date", "code:uuid, UUID, uuid"})
  void everyType(String arg, FieldType type, String sql) {
    FieldSpec f = FieldSpec.parse(arg);
    assertEquals(type, f.type());
    assertEquals(sql, f.type().sqlType);
    assertFalse(f.nullable());
    assertFalse(f.unique());
    assertNull(f.target());
    assertEquals(arg, f.toArg());
  }

  @Test
  void aReferenceIsAForeignKeyNamedAfterTheRelation() {
    FieldSpec f = FieldSpec.parse("author:ref:Author");
    assertEquals(FieldType.REF, f.type());
    assertEquals("Author", f.target());
    assertEquals("authorId", f.property());
    assertEquals("author_id", f.column());
    assertEquals("author:ref:Author", f.toArg());
    assertTrue(FieldSpec.parse("editor:ref:Author?").nullable());
  }

  /** A name DSL-JSON would read as an accessor keeps its spelling as property; its column is its snake_case. */
  @Test
  void prefixedNamesKeepTheirSpelling() {
    FieldSpec done = FieldSpec.parse("isDone:bool");
    assertEquals("isDone", done.property());
    assertEquals("is_done", done.column());
    assertEquals("getaway", FieldSpec.parse("getaway:string").column());
    assertEquals("setter_id", FieldSpec.parse("setter:ref:Author").column());
  }

  @Test
  void modifiersInAnyOrder() {
    FieldSpec a = FieldSpec.parse("email:string?!");
    FieldSpec b = FieldSpec.parse("email:string!?");
    assertTrue(a.nullable() && a.unique());
    assertEquals(a, b);
    assertEquals("email:string?!", b.toArg());
    assertEquals("published_at", FieldSpec.parse("publishedAt:timestamp?").column());
  }

  @Test
  void badFields() {
    assertUsage("unknown type 'varchar'", () -> FieldSpec.parse("title:varchar"));
    assertUsage("unknown type ''", () -> FieldSpec.parse("title:"));
    assertUsage("unknown type 'String'", () -> FieldSpec.parse("title:String"));
    assertUsage("write name:type", () -> FieldSpec.parse("title"));
    assertUsage("invalid field name 'Title'", () -> FieldSpec.parse("Title:string"));
    assertUsage("invalid field name ''", () -> FieldSpec.parse(":string"));
    assertUsage("is a Java keyword", () -> FieldSpec.parse("class:string"));
    assertUsage("reserved in SQL", () -> FieldSpec.parse("order:int"));
    assertUsage("modifier ? is given twice", () -> FieldSpec.parse("title:string??"));
    assertUsage("a bool cannot be unique", () -> FieldSpec.parse("done:bool!"));
    assertUsage("a reference cannot be unique", () -> FieldSpec.parse("author:ref:Author!"));
    assertUsage("invalid resource name 'author'", () -> FieldSpec.parse("author:ref:author"));
    assertUsage("invalid resource name ''", () -> FieldSpec.parse("author:ref:"));
    assertUsage("unknown type 'ref'", () -> FieldSpec.parse("author:ref"));
  }
}
