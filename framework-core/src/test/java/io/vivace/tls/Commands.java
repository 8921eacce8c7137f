package io.vivace.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real client (curl, openssl, h2load) with a deadline; its exit status and output. */
final class Commands {
  private Commands() {
  }

  record Result(int exit, String out) {
  }

  /** Runs {@code cmd} with {@code stdin} (may be null), killed after {@code timeoutSeconds}. */
  static Result run(List<String> cmd, String stdin, long timeoutSeconds) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    StringBuilder out = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (InputStream in = p.getInputStream()) {
        out.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException ignored) {
        // the process was killed
      }
    });
    reader.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      reader.join(5_000);
      throw new AssertionError(cmd.get(0) + " did not finish in " + timeoutSeconds + " s: " + out);
    }
    reader.join(5_000);
    return new Result(p.exitValue(), out.toString());
  }

  /** Runs {@code cmd}, which must exit 0; its output. */
  static String ok(List<String> cmd) throws IOException, InterruptedException {
    Result r = run(cmd, null, 60);
    if (r.exit() != 0) {
      throw new AssertionError(String.join(" ", cmd) + " exited " + r.exit() + ": " + r.out());
    }
    return r.out();
  }

  /**
   * A self-signed certificate for {@code localhost} and 127.0.0.1 named {@code cn}, written to
   * {@code dir/name.crt} and {@code dir/name.key}: EC P-256 (PKCS#8 key), or RSA 2048 with a PKCS#1
   * ("BEGIN RSA PRIVATE KEY") key.
   */
  static Path[] selfSigned(Path dir, String name, String cn, boolean rsa) throws IOException, InterruptedException {
    Path crt = dir.resolve(name + ".crt");
    Path key = dir.resolve(name + ".key");
    Path tmpKey = dir.resolve(name + ".pkcs8");
    ok(List.of("openssl", "req", "-x509", "-newkey", rsa ? "rsa:2048" : "ec", "-pkeyopt",
        rsa ? "rsa_keygen_bits:2048" : "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", tmpKey.toString(),
        "-out", crt.toString(), "-days", "2", "-subj", "/CN=" + cn,
        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"));
    if (rsa) {
      ok(List.of("openssl", "rsa", "-in", tmpKey.toString(), "-traditional", "-out", key.toString()));
    } else {
      java.nio.file.Files.copy(tmpKey, key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return new Path[] {crt, key};
  }

  /** The path of h2load, installed by the project's script; null (with the reason printed) when it cannot be. */
  static String h2load() throws IOException, InterruptedException {
    Result r = run(List.of("bash", "src/test/sh/install-h2load.sh"), null, 600);
    if (r.exit() != 0) {
      System.err.println("SKIPPED: h2load cannot be installed: " + r.out());
      return null;
    }
    String[] lines = r.out().strip().split("\n");
    return lines[lines.length - 1].strip();
  }
}
