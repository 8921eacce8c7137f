package io.vivace.filter;

/** A filter that runs before the handler; see {@link Filter#before}. */
@FunctionalInterface
public interface Before {

  /**
   * Checks or annotates the request. Called on the event loop; must not block.
   *
   * @return null to go on to the handler, or the answer (any handler result, such as a
   *     {@code Response}) to send instead
   * @throws Exception a {@code ProblemException} answers with its problem; anything else is a 500
   */
  Object before(Exchange exchange) throws Exception;
}
