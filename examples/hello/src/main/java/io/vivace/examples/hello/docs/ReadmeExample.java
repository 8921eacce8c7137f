package io.vivace.examples.hello.docs;

import io.vivace.Vivace;
import io.vivace.examples.hello.Item;
import io.vivace.examples.hello.NewNote;
import io.vivace.extract.Body;
import io.vivace.extract.Path;
import io.vivace.extract.Query;
import io.vivace.pagination.Page;
import io.vivace.pagination.Pagination;
import io.vivace.response.Response;
import java.util.List;

/** The example at the top of README.md, compiled (and checked against the README by DocsSnippetsTest). */
public final class ReadmeExample {
  private ReadmeExample() {
  }

  public static void main(String[] args) {
    NoteStore notes = new NoteStore();
    List<Item> items = List.of(new Item(1, "tea", 3.5), new Item(2, "coffee", 2.8));
    // tag::readme[]
    var app = Vivace.app();                                                  // PORT, HOST, VIVACE_* from the environment
    app.get("/hello/:name", Path.string("name"), name -> "Hello, " + name);  // text/plain
    app.get("/notes/:id", Path.longValue("id"), id -> notes.find(id));       // Future<Optional<Note>>: JSON, or 404
    app.post("/notes", Body.json(NewNote.class), in -> Response.created(notes.add(in)));  // 415/400/422 handled
    app.get("/items", Query.string("q").orElse(""), Pagination.offset(),     // ?page=2&per_page=20
        (q, page) -> Page.slice(items.stream().filter(i -> i.name().contains(q)).toList(), page));
    app.run();                                                               // SIGTERM: graceful, exit 0
    // end::readme[]
  }
}
