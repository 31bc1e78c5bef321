/**
 * The Nemo backend client: every endpoint of nemo-api.md behind the {@link io.nemobot.nemo.NemoClient}
 * facade, the three reply shapes ({@code ReplyParser}) and both SSE event families normalised into
 * {@link io.nemobot.nemo.NemoEvent}, the draft read once into typed tracks ({@link io.nemobot.nemo.Draft}),
 * the token lifecycle, the retry rules, which files the backend accepts ({@link io.nemobot.nemo.MediaCheck}),
 * and one exception type ({@link io.nemobot.nemo.NemoException}) for the boundary. The wire stops here:
 * no OkHttp, okio or Gson type appears in a public signature, and no other package of the core reads the backend's JSON (both held by ArchitectureTest).
 */
package io.nemobot.nemo;
