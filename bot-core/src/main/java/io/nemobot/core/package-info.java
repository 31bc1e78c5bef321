/** Wiring: builds the core (config, store, backend client, conversations) for the launcher, adapters' tests and the benchmark. */
package io.nemobot.core;
