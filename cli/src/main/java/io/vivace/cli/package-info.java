/**
 * The {@code vivace} command-line tool: {@code vivace new} writes a Maven project on the framework,
 * {@code vivace generate resource} adds a database-backed REST resource to it (migration, record,
 * repository, routes, tests), {@code vivace generate migration} an empty Flyway migration and
 * {@code vivace routes} prints the project's route table. Commands are picocli commands; files are
 * rendered from Mustache templates and written atomically ({@link io.vivace.cli.Staging}). The guide is
 * {@code docs/cli.md}.
 */
package io.vivace.cli;
