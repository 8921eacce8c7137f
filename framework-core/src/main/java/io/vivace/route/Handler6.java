package io.vivace.route;

/**
 * A route handler taking the values of 6 extractors. It returns the response: a value (JSON),
 * a {@code String} (text/plain), a {@code Buffer}, a {@link io.vivace.response.Response}, an
 * {@code Optional} (404 when empty), or a {@code Future}/{@code CompletionStage} of any of these.
 * Called on the event loop unless the route is {@link RouteDef#blocking() blocking}.
 *
 * @param <A> the type of extractor 1's value
 * @param <B> the type of extractor 2's value
 * @param <C> the type of extractor 3's value
 * @param <D> the type of extractor 4's value
 * @param <E> the type of extractor 5's value
 * @param <F> the type of extractor 6's value
 * @param <R> the result type
 */
@FunctionalInterface
public interface Handler6<A, B, C, D, E, F, R> {
  R handle(A a, B b, C c, D d, E e, F f) throws Exception;
}
