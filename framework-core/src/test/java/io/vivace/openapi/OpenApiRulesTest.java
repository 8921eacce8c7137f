package io.vivace.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dslplatform.json.CompiledJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.extract.Body;
import io.vivace.extract.Rules;
import io.vivace.extract.Validatable;
import io.vivace.extract.Validation;
import io.vivace.response.Response;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Rules}: the same checks and messages as {@link Validation}, and the same rules in the schema. */
class OpenApiRulesTest {
  @CompiledJson
  public record Signup(String email, String name, Integer age, List<String> tags, String nick, Child child)
      implements Validatable {
    static final Rules<Signup> RULES = Rules.of(Signup.class)
        .notBlank("email", Signup::email).length("email", Signup::email, 3, 320).email("email", Signup::email)
        .notBlank("name", Signup::name).length("name", Signup::name, 1, 100)
        .required("age", Signup::age).range("age", Signup::age, 13, 130)
        .size("tags", Signup::tags, 0, 5)
        .check("nick", s -> s.nick() == null || !s.nick().equals(s.name()), "must differ from name")
        .required("child", Signup::child);

    @Override
    public void validate(Validation v) {
      RULES.check(this, v);
    }
  }

  @CompiledJson
  public record Child(String name) {
  }

  /** The same checks written against {@link Validation} directly. */
  static Validation direct(Signup s) {
    Validation v = new Validation();
    v.notBlank("email", s.email()).length("email", s.email(), 3, 320)
        .check(s.email() == null || s.email().indexOf('@') > 0 && s.email().indexOf('@') < s.email().length() - 1,
            "email", "must be an e-mail address")
        .notBlank("name", s.name()).length("name", s.name(), 1, 100)
        .required("age", s.age()).range("age", s.age(), 13, 130)
        .check(s.tags() == null || s.tags().size() <= 5, "tags", "must have 0 to 5 items, had "
            + (s.tags() == null ? 0 : s.tags().size()))
        .check(s.nick() == null || !s.nick().equals(s.name()), "nick", "must differ from name")
        .required("child", s.child());
    return v;
  }

  @Test
  void checksAsValidationDoesWithTheSameMessages() {
    List<Signup> values = List.of(
        new Signup("ana@example.com", "Ana", 30, List.of(), null, new Child("x")),
        new Signup(null, null, null, null, null, null),
        new Signup("  ", "", 7, List.of("a", "b", "c", "d", "e", "f"), "Bo", null),
        new Signup("ana@", "Bo", 200, null, "Bo", new Child(null)),
        new Signup("@x", "x".repeat(101), 13, List.of(), null, null));
    for (Signup s : values) {
      Validation v = new Validation();
      s.validate(v);
      assertEquals(direct(s).errors(), v.errors(), s.toString());
    }
    Validation ok = new Validation();
    values.get(0).validate(ok);
    assertTrue(ok.isValid());
  }

  @Test
  void theRulesAreInTheSchema() {
    App app = Vivace.app();
    app.post("/signups", Body.json(Signup.class), s -> Response.noContent()).status(204);
    JsonObject schema = new JsonObject(OpenApi.json(app, new OpenApiOptions())).getJsonObject("components")
        .getJsonObject("schemas").getJsonObject("Signup");
    JsonObject p = schema.getJsonObject("properties");
    assertEquals(new JsonArray().add("email").add("name").add("age").add("child"), schema.getJsonArray("required"));
    assertEquals(new JsonObject().put("type", "string").put("minLength", 3).put("pattern", "\\S").put("maxLength", 320)
        .put("format", "email"), p.getJsonObject("email"));
    assertEquals(new JsonObject().put("type", "string").put("minLength", 1).put("pattern", "\\S").put("maxLength", 100),
        p.getJsonObject("name"));
    assertEquals(new JsonObject().put("type", "integer").put("format", "int32").put("minimum", 13).put("maximum", 130),
        p.getJsonObject("age"));
    assertEquals(0, p.getJsonObject("tags").getInteger("minItems"));
    assertEquals(5, p.getJsonObject("tags").getInteger("maxItems"));
    assertTrue(p.getJsonObject("tags").getJsonArray("type").contains("null"), "not required: still nullable");
    assertEquals("must differ from name", p.getJsonObject("nick").getString("description"));
    assertEquals(new JsonObject().put("$ref", "#/components/schemas/Child"), p.getJsonObject("child"),
        "a required record member is a plain $ref, no anyOf with null");
    assertFalse(new JsonObject(OpenApi.json(app, new OpenApiOptions())).getJsonObject("components").getJsonObject("schemas")
        .getJsonObject("Child").containsKey("required"), "a type without rules has none");
  }

  @Test
  void theRulesAreFoundThroughTheType() {
    assertSame(Signup.RULES, Rules.declaredFor(Signup.class));
    assertNull(Rules.declaredFor(Child.class));
    assertEquals(10, Signup.RULES.rules().size());
    assertEquals(new Rules.Rule("age", Rules.Kind.RANGE, 13, 130, null), Signup.RULES.rules().get(6));
  }

  @Test
  void aRequestBreakingTheRulesIsA422ListingEach() {
    try (TestServer s = TestServer.start(app -> app.post("/signups", Body.json(Signup.class), x -> Response.noContent())
        .status(204))) {
      HttpResponse<String> r = s.send("POST", "/signups", "application/json",
          "{\"email\":\"nope\",\"name\":\"Ana\",\"age\":5,\"child\":{\"name\":\"c\"}}");
      assertEquals(422, r.statusCode(), r.body());
      JsonArray errors = new JsonObject(r.body()).getJsonArray("errors");
      assertEquals(2, errors.size(), r.body());
      assertEquals("#/email", errors.getJsonObject(0).getString("pointer"));
      assertEquals("#/age", errors.getJsonObject(1).getString("pointer"));
      assertEquals(204, s.send("POST", "/signups", "application/json",
          "{\"email\":\"a@b\",\"name\":\"Ana\",\"age\":50,\"child\":{\"name\":\"c\"}}").statusCode());
    }
  }
}
