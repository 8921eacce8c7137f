package io.vivace.examples.hello;

import com.dslplatform.json.CompiledJson;

/** How many primes there are up to {@code n}. */
@CompiledJson
public record PrimeCount(int n, int primes) {
}
