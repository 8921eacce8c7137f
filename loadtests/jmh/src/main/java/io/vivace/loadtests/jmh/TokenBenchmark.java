package io.vivace.loadtests.jmh;

import io.vivace.auth.AuthOptions;
import io.vivace.auth.AuthUser;
import io.vivace.auth.Jwt;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What checking an HS256 bearer token costs: {@code verify_hs256} is the full check {@link Jwt#verify}
 * does for a token it has not seen on this thread (decode, HMAC-SHA256, claims, the
 * {@link AuthUser}); JMH threads are not event loops, so the per-loop cache of verified tokens is
 * never used here. {@code issue_hs256} is signing one. Average time per operation (ns/op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TokenBenchmark {
  private Jwt jwt;
  private String token;

  @Setup
  public void setup() {
    jwt = Jwt.create(new AuthOptions().secret("benchmark-secret-0123456789abcdef0123456789").accessTtl(86_400));
    token = jwt.issue("loadtest", List.of("user"), Map.of());
    if (!"loadtest".equals(jwt.verify(token).id())) {
      throw new IllegalStateException("the token does not verify");
    }
  }

  @Benchmark
  public AuthUser verify_hs256() {
    return jwt.verify(token);
  }

  @Benchmark
  public String issue_hs256() {
    return jwt.issue("loadtest", List.of("user"), Map.of());
  }
}
