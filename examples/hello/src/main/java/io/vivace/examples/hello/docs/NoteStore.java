package io.vivace.examples.hello.docs;

import io.vertx.core.Future;
import io.vivace.examples.hello.NewNote;
import io.vivace.examples.hello.Note;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** An in-memory store standing in for a repository in the README's example. Thread-safe. */
public final class NoteStore {
  private final Map<Long, Note> notes = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  /** The note, asynchronously, as a database repository would answer. */
  public Future<Optional<Note>> find(long id) {
    return Future.succeededFuture(Optional.ofNullable(notes.get(id)));
  }

  /** Stores a new note and returns it with its id. */
  public Note add(NewNote in) {
    Note note = new Note(ids.incrementAndGet(), in.title(), in.body() == null ? "" : in.body(), in.priority());
    notes.put(note.id(), note);
    return note;
  }
}
