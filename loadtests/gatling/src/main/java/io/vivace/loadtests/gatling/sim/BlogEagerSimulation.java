package io.vivace.loadtests.gatling.sim;

/** The blog's eager-loaded post: {@code GET /posts/ID?include=author,comments,tags}, ID random in 1..{@code -DblogPosts}. */
public final class BlogEagerSimulation extends VivaceSimulation {
  public BlogEagerSimulation() {
    super("blog-eager", name -> Requests.blogEager(name, settings().blogPosts()));
  }
}
