package io.vivace.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vivace.Vivace;
import org.junit.jupiter.api.Test;

/** A route path a request target cannot carry as it is fails at declaration, naming its encoded form. */
class RoutePathTest {
  @Test
  void charactersARequestTargetCarriesOnlyEncodedAreRefusedWithTheEncodedForm() {
    assertEquals("route path '/café' has a character a request target carries only percent-encoded ('é'):"
            + " declare it as '/caf%C3%A9' (RFC 3986)",
        assertThrows(IllegalArgumentException.class, () -> Vivace.app().get("/café", () -> "x")).getMessage());
    assertEquals("route path '/a b' has a character a request target carries only percent-encoded (' '):"
            + " declare it as '/a%20b' (RFC 3986)",
        assertThrows(IllegalArgumentException.class, () -> Vivace.app().get("/a b", () -> "x")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Vivace.app().get("/search?q", () -> "x"));
    assertThrows(IllegalArgumentException.class, () -> Vivace.app().get("/x#frag", () -> "x"));
  }

  @Test
  void parametersWildcardsAndSubDelimitersAreFine() {
    io.vivace.App app = Vivace.app();
    assertEquals("/users/:id/posts/*", app.get("/users/:id/posts/*", () -> "x").path());
    assertEquals("/a;b=c,d+e!$&'()@~._-%C3%A9", app.get("/a;b=c,d+e!$&'()@~._-%C3%A9", () -> "x").path());
  }
}
