package io.vivace.examples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README.md and the guides in {@code docs/} quote code that the build compiles: a Java block preceded by
 * {@code <!-- snippet: path#tag -->} must equal the {@code tag::tag[]} region of that file
 * (indentation removed). Edit the code, then copy it into the guide.
 */
class DocsSnippetsTest {
  private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
  private static final Pattern SNIPPET = Pattern.compile("<!-- snippet: ([^#]+)#([\\w-]+) -->\\n```java\\n((?:(?!```).)*?)\\n```", Pattern.DOTALL);

  @Test
  void everyQuotedSnippetMatchesCompiledCode() throws IOException {
    List<String> checked = new ArrayList<>();
    try (Stream<Path> docs = Stream.concat(Stream.of(ROOT.resolve("README.md")), Files.list(ROOT.resolve("docs")))) {
      for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        String text = Files.readString(doc);
        Matcher m = SNIPPET.matcher(text);
        int markers = (int) Pattern.compile("(?m)^<!-- snippet: ").matcher(text).results().count();
        int found = 0;
        while (m.find()) {
          found++;
          String where = ROOT.relativize(doc) + " quoting " + m.group(1) + "#" + m.group(2);
          assertEquals(region(ROOT.resolve(m.group(1)), m.group(2)), m.group(3), where);
          checked.add(where);
        }
        assertEquals(markers, found, ROOT.relativize(doc) + ": every snippet marker is followed by a non-empty java block");
      }
    }
    assertTrue(checked.size() >= 10, "the guides quote compiled code: " + checked);
  }

  static String region(Path file, String tag) throws IOException {
    String source = Files.readString(file);
    Matcher m = Pattern.compile("[ \\t]*// tag::" + Pattern.quote(tag) + "\\[\\]\\n(.*?)\\n[ \\t]*// end::"
        + Pattern.quote(tag) + "\\[\\]", Pattern.DOTALL).matcher(source);
    assertTrue(m.find(), "no region " + tag + " in " + file);
    return m.group(1).stripIndent();
  }
}
