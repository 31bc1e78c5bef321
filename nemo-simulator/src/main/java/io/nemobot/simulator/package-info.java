/** The Nemo backend simulator: a scriptable HTTP server on loopback playing nemo-api.md. */
package io.nemobot.simulator;
