package io.vivace.filter;

/** The rest of a route's chain, as seen by an around {@link Filter}: the next filters, guards and the handler. */
@FunctionalInterface
public interface Next {

  /**
   * Runs the rest of the chain (call it at most once) and returns its result as the handler returned it: a value, a
   * {@code Response}, or a {@code Future}/{@code CompletionStage} still pending (see
   * {@link Filter#whenDone} to act on its value).
   *
   * @throws Exception what the rest of the chain threw (a {@code ProblemException} for an answer)
   */
  Object proceed() throws Exception;
}
