/** The launcher: reads configuration, wires the core to the configured platforms, terminal mode. */
package io.nemobot.app;
