package io.vivace.server.impl;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.extract.RequestExtractor;
import org.junit.jupiter.api.Test;

/** Which routes the static table takes: request extractors yes, a body or blocking no. */
class StaticRoutesTableTest {

  @Test
  void requestExtractorsKeepARouteStatic() {
    App direct = Vivace.app();
    RequestExtractor<String> host = req -> req.getHeader("Host");
    direct.get("/host", host, h -> h);
    assertNotNull(StaticRoutes.of(direct.routes()));

    App routed = Vivace.app();
    routed.get("/host", io.vivace.extract.Body.text(), b -> b);
    routed.get("/blocking", host, h -> h).blocking();
    assertNull(StaticRoutes.of(routed.routes()));
  }
}
