package io.vivace.examples.techempower;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.sqlclient.Tuple;
import io.vivace.db.Database;
import io.vivace.response.Response;
import java.util.Comparator;
import java.util.List;

/**
 * The fortunes test type: every Fortune row into a list sized by the result (no ORDER BY), one
 * more added at request time, sorted by message, rendered by the JTE template
 * {@code src/main/jte/fortunes.jte} (compiled to Java at build time; HTML output escapes every
 * value) as {@code text/html; charset=utf-8}, UTF-8 bytes as they are.
 */
final class Fortunes {
  private static final CharSequence HTML = HttpHeaders.createOptimized("text/html; charset=utf-8");
  private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);
  /** Built once: {@code Comparator.comparing} allocates a new comparator per call. */
  private static final Comparator<Fortune> BY_MESSAGE = Comparator.comparing(Fortune::message);

  private final Database db;

  Fortunes(Database db) {
    this.db = db;
  }

  Future<Response> page() {
    return db.list("SELECT id, message FROM fortune", Tuple.tuple(), Fortune::from).map(fortunes -> {
      fortunes.add(new Fortune(0, "Additional fortune added at request time."));
      fortunes.sort(BY_MESSAGE);
      return Response.bytes(render(fortunes), HTML);
    });
  }

  static Buffer render(List<Fortune> fortunes) {
    Utf8ByteOutput out = new Utf8ByteOutput();
    TEMPLATES.render("fortunes.jte", fortunes, out);
    Buffer html = Buffer.buffer(out.getContentLength());
    try {
      out.writeTo(html::appendBytes);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // a Buffer does not throw
    }
    return html;
  }
}
