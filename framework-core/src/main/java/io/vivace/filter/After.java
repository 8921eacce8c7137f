package io.vivace.filter;

/** A filter that runs after the handler succeeded; see {@link Filter#after}. */
@FunctionalInterface
public interface After {

  /**
   * Replaces or passes on the handler's result. Called on the event loop, once the result is
   * known: after a {@code Future} or {@code CompletionStage} completed, with its value (which
   * may be null, a {@code Response}, an {@code Optional}...). Not called when the handler failed.
   *
   * @return the result to send (return {@code result} to keep it)
   */
  Object after(Exchange exchange, Object result) throws Exception;
}
