package io.vivace.examples.hello.docs;

import io.vivace.App;
import io.vivace.extract.Body;
import io.vivace.extract.MultipartLimits;
import io.vivace.extract.Path;
import io.vivace.extract.UploadedFile;
import io.vivace.files.Download;
import io.vivace.files.StaticFiles;
import io.vivace.tls.TlsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

/** The code of docs/files.md and docs/security.md (TLS), compiled so that the guides cannot rot. */
final class FilesSnippets {
  private FilesSnippets() {
  }

  static void staticFiles(App app, java.nio.file.Path dist) {
    // tag::files[]
    app.files("/assets", StaticFiles.folder(dist.resolve("assets")).immutable()); // content-hashed names
    app.files("/docs", StaticFiles.classpath("public/docs"));                      // src/main/resources/public/docs
    app.files("", StaticFiles.folder(dist).spaFallback("index.html"));             // the single-page app
    // end::files[]
  }

  static void uploads(App app, java.nio.file.Path store) {
    // tag::uploads[]
    MultipartLimits limits = MultipartLimits.defaults().maxFileSize(5 << 20).maxParts(4);
    app.post("/documents", Body.multipart(limits), form -> {
      String title = form.text("title");                 // 400 naming "title" when missing
      UploadedFile pdf = form.file("pdf");               // already on disk, deleted after the response
      try {
        Files.move(pdf.path(), store.resolve(java.util.UUID.randomUUID() + ".pdf"), StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return title + ": " + pdf.size() + " bytes";
    }).blocking();                                       // moves a file: off the event loop
    // end::uploads[]
  }

  static void downloads(App app, java.nio.file.Path exports) {
    // tag::download[]
    app.get("/exports/:name", Path.string("name"),
        name -> Download.file(exports.resolve(name + ".csv")).attachment(name + ".csv"));
    // end::download[]
  }

  static void tls(App app) {
    // tag::tls[]
    app.tls(new TlsOptions()
        .files("/etc/vivace/tls/fullchain.pem", "/etc/vivace/tls/privkey.pem") // or VIVACE_TLS_CERT / VIVACE_TLS_KEY
        .reloadIntervalMs(60_000)                                               // a renewed certificate, no restart
        .redirectPort(8080));                                                   // http://…:8080 → https://…
    // end::tls[]
  }
}
