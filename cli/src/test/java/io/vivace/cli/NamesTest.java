package io.vivace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every name check: project, package, resource, field, migration; and the spellings derived from names. */
class NamesTest {
  static void assertUsage(String expectedInMessage, Executable check) {
    CliException e = assertThrows(CliException.class, check);
    assertEquals(VivaceCli.EXIT_USAGE, e.exitCode());
    assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"shop", "my-shop", "a1", "x-2-y"})
  void validProjectNames(String name) {
    assertEquals(name, Names.project(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1shop", "My-Shop", "my_shop", "my shop", "shop-", "-shop", "my--shop", "shop!", "", "é"})
  void invalidProjectNamesShowTheValue(String name) {
    assertUsage("'" + name + "'", () -> Names.project(name));
  }

  @Test
  void projectNamesThatAreJavaKeywordsAreRefused() {
    assertUsage("Java keyword", () -> Names.project("class"));
    assertUsage("Java keyword", () -> Names.project("pack-age"));
    assertUsage("at most 64", () -> Names.project("a".repeat(65)));
  }

  @Test
  void packages() {
    assertEquals("com.example.my_shop", Names.packageName("--package", "com.example.my_shop"));
    assertUsage("'int' is a Java keyword", () -> Names.packageName("--package", "com.int.shop"));
    assertUsage("segment '1x'", () -> Names.packageName("--group", "com.1x"));
    assertUsage("segment ''", () -> Names.packageName("--group", "com..x"));
    assertUsage("segment 'Example'", () -> Names.packageName("--group", "com.Example"));
    assertUsage("segment 'my-shop'", () -> Names.packageName("--package", "com.my-shop"));
    assertUsage("must not be empty", () -> Names.packageName("--group", ""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Book", "BlogPost", "Item2", "Order", "Category"})
  void validResourceNames(String name) {
    assertEquals(name, Names.resource(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"book", "2Book", "Blog_Post", "Blog-Post", "Book$", ""})
  void invalidResourceNames(String name) {
    assertUsage("invalid resource name '" + name + "'", () -> Names.resource(name));
  }

  @Test
  void resourceNamesThatAreKeywordsOrShadowTypesAreRefused() {
    assertUsage("reserved word", () -> Names.resource("Int"));
    assertUsage("shadow the class String", () -> Names.resource("String"));
    assertUsage("shadow the class Page", () -> Names.resource("Page"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"title", "publishedAt", "x1"})
  void validFieldNames(String name) {
    assertEquals(name, Names.field(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Title", "1title", "first_name", "first-name", "tïtle", ""})
  void invalidFieldNames(String name) {
    assertUsage("invalid field name '" + name + "'", () -> Names.field(name));
  }

  @Test
  void fieldNamesThatAreKeywordsOrReservedInSqlOrIdAreRefused() {
    assertUsage("Java keyword", () -> Names.field("class"));
    assertUsage("Java keyword", () -> Names.field("default"));
    assertUsage("'order' is reserved in SQL", () -> Names.field("order"));
    assertUsage("'user' is reserved in SQL", () -> Names.field("user"));
    assertUsage("'current_date' is reserved in SQL", () -> Names.field("currentDate"));
    assertUsage("has an id already", () -> Names.field("id"));
  }

  /** Names DSL-JSON would read as bean accessors are fields like any other (the records give them getters). */
  @ParameterizedTest
  @ValueSource(strings = {"isbn", "isDone", "island", "getaway", "settled", "settings", "is", "get", "set"})
  void fieldNamesStartingWithIsGetOrSetAreAllowed(String name) {
    assertEquals(name, Names.field(name));
  }

  @Test
  void migrationNames() {
    assertEquals("add_index_to_books", Names.migration("add_index_to_books"));
    assertUsage("'AddIndex'", () -> Names.migration("AddIndex"));
    assertUsage("'1_index'", () -> Names.migration("1_index"));
    assertUsage("'add index'", () -> Names.migration("add index"));
  }

  @Test
  void spellings() {
    assertEquals("published_at", Names.snake("publishedAt"));
    assertEquals("blog_posts", Names.table("BlogPost"));
    assertEquals("/blog-posts", Names.path("BlogPost"));
    assertEquals("categories", Names.table("Category"));
    assertEquals("days", Names.table("Day"));
    assertEquals("boxes", Names.table("Box"));
    assertEquals("addresses", Names.table("Address"));
    assertEquals("MyShop", Names.className("my-shop"));
  }

  /**
   * Plurals come from the evo-inflector library (irregular nouns, -f/-z/-us endings, compound names),
   * with Person → people from Names' own list.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({"Person,people,/people", "Shelf,shelves,/shelves",
      "Quiz,quizzes,/quizzes", "Category,categories,/categories", "Status,statuses,/statuses",
      "Child,children,/children", "BookShelf,book_shelves,/book-shelves", "OrderStatus,order_statuses,/order-statuses",
      "Sheep,sheep,/sheep", "Leaf,leaves,/leaves", "SalesPerson,sales_people,/sales-people", "Goose,geese,/geese",
      "Personnel,personnels,/personnels"})
  void pluralsComeFromTheInflector(String resource, String table, String path) {
    assertEquals(table, Names.table(resource));
    assertEquals(path, Names.path(resource));
  }

  /** The plural in operation ids and summaries keeps the case of the last word's first letter. */
  @Test
  void pluralsKeepTheCase() {
    assertEquals("People", Names.plural("Person"));
    assertEquals("SalesPeople", Names.plural("SalesPerson"));
    assertEquals("sales people", Names.plural("sales person"));
    assertEquals("Geese", Names.plural("Goose"));
    assertEquals("BlogPosts", Names.plural("BlogPost"));
    assertEquals("OrderStatuses", Names.plural("OrderStatus"));
  }

  /** Keywords come from the JDK ({@code SourceVersion}), plus the restricted identifiers. */
  @Test
  void javaKeywordsComeFromTheJdk() {
    for (String k : new String[] {"class", "goto", "const", "_", "true", "null", "strictfp", "var", "record", "yield",
        "sealed", "permits"}) {
      assertTrue(Names.javaKeyword(k), k);
    }
    for (String w : new String[] {"title", "module", "exports", "sealedAt"}) {
      org.junit.jupiter.api.Assertions.assertFalse(Names.javaKeyword(w), w);
    }
    assertEquals("blogPost", Names.lowerCamel("BlogPost"));
  }
}
