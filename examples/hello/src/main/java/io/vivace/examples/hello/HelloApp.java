package io.vivace.examples.hello;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.config.VivaceOptions;
import io.vivace.extract.Body;
import io.vivace.extract.Path;
import io.vivace.extract.Query;
import io.vivace.pagination.Page;
import io.vivace.pagination.Pagination;
import io.vivace.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hello example: plaintext, JSON, a path parameter, a validated JSON POST, a paginated list
 * and a blocking route. Run it with {@code java -jar examples/hello/target/hello.jar} (reads
 * {@code PORT}, {@code HOST} and the other {@code VIVACE_*} settings from the environment).
 */
public final class HelloApp {
  private static final Response HELLO = Response.text("Hello, World!");

  private HelloApp() {
  }

  // tag::main[]
  public static void main(String[] args) {
    routes(Vivace.app()).run(); // reads PORT, HOST, VIVACE_*; exits 2 on a bad value; SIGTERM: graceful, exit 0
  }
  // end::main[]

  /** An app on the given options (tests use port 0). */
  public static App create(VivaceOptions options) {
    return routes(Vivace.app(options));
  }

  /** Declares the example's routes on {@code app}. */
  public static App routes(App app) {
    Map<Long, Note> notes = new ConcurrentHashMap<>();
    AtomicLong ids = new AtomicLong();
    List<Item> catalogue = catalogue(250);

    // tag::basics[]
    app.get("/plaintext", () -> HELLO).produces(String.class);          // a constant Response: bytes encoded once
    app.get("/json", () -> new Message("Hello, World!")).produces(Message.class);  // a @CompiledJson record: JSON
    app.get("/hello/:name", Path.string("name"), name -> "Hello, " + name + "!")   // a String: text/plain
        .produces(String.class).summary("Greets by name");
    // end::basics[]

    // tag::notes[]
    app.post("/notes", Body.json(NewNote.class), in -> {
      Note note = new Note(ids.incrementAndGet(), in.title(), in.body() == null ? "" : in.body(), in.priority());
      notes.put(note.id(), note);
      return Response.created("/notes/" + note.id(), note);
    }).produces(Note.class).status(201);  // for the OpenAPI document: 201 with Location and a Note
    app.get("/notes/:id", Path.longValue("id"), id -> Optional.ofNullable(notes.get(id)))   // empty: 404
        .produces(Note.class);
    // end::notes[]

    // tag::items[]
    app.get("/items", Query.string("q").orElse(""), Pagination.offset(), (q, page) -> {
      List<Item> matching = q.isEmpty() ? catalogue : catalogue.stream()
          .filter(i -> i.name().contains(q)).toList();
      return Page.slice(matching, page);
    }).produces(Page.class, Item.class);
    // end::items[]

    // tag::blocking[]
    // Blocking work never runs on an event loop: this handler runs on a virtual thread (JDK 21+)
    // or the worker pool.
    app.get("/primes/:n", Path.intValue("n").range(1, 100_000),
        n -> new PrimeCount(n, countPrimes(n))).blocking().produces(PrimeCount.class);
    // end::blocking[]
    return app;
  }

  static List<Item> catalogue(int size) {
    List<Item> items = new ArrayList<>(size);
    for (int i = 1; i <= size; i++) {
      items.add(new Item(i, "item-" + i, Math.round(i * 1.25 * 100) / 100.0));
    }
    return List.copyOf(items);
  }

  static int countPrimes(int n) {
    int count = 0;
    for (int i = 2; i <= n; i++) {
      boolean prime = true;
      for (int d = 2; (long) d * d <= i && prime; d++) {
        prime = i % d != 0;
      }
      count += prime ? 1 : 0;
    }
    return count;
  }
}
