package io.vivace.loadtests.gatling.sim;

/** The blog's paginated list: {@code GET /posts?page=P&per_page=20}, P random in 1..{@code -DblogPages}. */
public final class BlogPageSimulation extends VivaceSimulation {
  public BlogPageSimulation() {
    super("blog-page", name -> Requests.blogPage(name, settings().blogPages()));
  }
}
