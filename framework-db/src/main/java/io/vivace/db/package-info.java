/**
 * Reactive PostgreSQL for Vivace: a pipelined connection per event loop, a pool for transactions and
 * cursors, migrations, row mapping, pagination, eager loading and the mapping of database failures
 * to problem responses.
 */
package io.vivace.db;
