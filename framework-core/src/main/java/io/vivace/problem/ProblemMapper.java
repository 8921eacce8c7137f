package io.vivace.problem;

/**
 * Turns a module's own failures into problems at the web edge, so lower layers (the data layer,
 * say) stay free of HTTP: the one renderer of failures asks each mapper, in class-path order,
 * before it falls back to a 500. Mappers are found once with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.vivace.problem.ProblemMapper}); framework-db registers the mapper of
 * its typed exceptions this way. Called on the event loop for failed requests only; must not block
 * and must be thread-safe.
 */
public interface ProblemMapper {

  /**
   * The problem for {@code failure}, or null when this mapper does not know it.
   *
   * @param failure never null, never a {@link ProblemException}
   */
  ProblemException toProblem(Throwable failure);
}
