/**
 * The {@code vivace} project generator ({@code new}, {@code generate}). This module is an empty shell
 * until the generator issue fills it; its place in the build and its package are final.
 */
package io.vivace.cli;
