/**
 * The load benchmark and the soak run (bench/README.md): the real core driven through chat platforms
 * that enforce Slack's and Discord's budgets, against the Nemo simulator in a child process. Built only
 * with the {@code bench} Maven profile.
 */
package io.nemobot.bench;
