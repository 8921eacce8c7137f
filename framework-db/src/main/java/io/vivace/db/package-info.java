/**
 * Reactive PostgreSQL for Vivace: pooling, pipelining, migrations, row mapping, pagination and eager
 * loading. This module is an empty shell until the database issue fills it; its place in the build
 * and its package are final.
 */
package io.vivace.db;
