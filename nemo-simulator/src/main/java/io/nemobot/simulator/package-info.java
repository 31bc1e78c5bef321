/**
 * The Nemo backend simulator: a real HTTP server on loopback that plays the whole backend
 * contract of {@code nemo-api.md} (auth, sessions, SSE chat in both event families, streaming
 * uploads, credits, state, renders), scriptable per test and recording every request.
 *
 * <p>Public types are the test-facing API: {@link io.nemobot.simulator.NemoSimulator} (lifecycle,
 * scripting, faults, recordings), {@link io.nemobot.simulator.Turn} (a scripted chat stream),
 * {@link io.nemobot.simulator.Fault}, {@link io.nemobot.simulator.RenderScript},
 * {@link io.nemobot.simulator.Drafts} and the recorded values. Everything package-private is the
 * server's machinery: routing, one handler per endpoint group, the SSE player, the streaming
 * multipart reader and the in-memory backend state.
 */
package io.nemobot.simulator;
