package io.vivace.openapi.impl;

import io.vertx.core.json.JsonObject;
import io.vivace.openapi.OpenApiOptions;
import io.vivace.route.RouteDef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Writes the document to a file atomically: into a temporary file beside it, then moved over it, so
 * a reader (or a failure halfway) never sees half a document. YAML when the name ends in
 * {@code .yaml} or {@code .yml}, else JSON. Runs at start-up, never per request.
 */
public final class Export {
  private Export() {
  }

  /** Whether {@code file}'s name asks for YAML. */
  public static boolean isYaml(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  /**
   * Writes the document of {@code routes} (taken as served) to {@code file}.
   *
   * @throws IOException when the folder does not exist or cannot be written; the file is then unchanged
   */
  public static void write(List<RouteDef> routes, OpenApiOptions options, Path file) throws IOException {
    JsonObject doc = Documents.build(routes, options, true);
    String text = isYaml(file) ? DocsRoutes.yaml(doc) : doc.encodePrettily() + "\n";
    Path target = file.toAbsolutePath();
    if (!Files.isDirectory(target.getParent())) {
      throw new java.nio.file.NoSuchFileException(target.getParent().toString(), null, "no such folder");
    }
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
