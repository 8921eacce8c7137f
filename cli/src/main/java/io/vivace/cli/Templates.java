package io.vivace.cli;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Renders the Mustache templates under {@code io/vivace/cli/templates/} (class path). Values are
 * written as they are: the output is Java, SQL, XML and Markdown, never HTML, and every value put
 * into a template has been validated by {@link Names} or {@link FieldSpec}. Thread-safe.
 */
final class Templates {
  private static final MustacheFactory FACTORY = new DefaultMustacheFactory("io/vivace/cli/templates") {
    @Override
    public void encode(String value, Writer writer) {
      try {
        writer.write(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  private Templates() {
  }

  /** The template {@code name} (like {@code project/pom.xml.mustache}) rendered with {@code model}. */
  static String render(String name, Object model) {
    Mustache m = FACTORY.compile(name);
    StringWriter out = new StringWriter();
    m.execute(out, model);
    return out.toString();
  }
}
