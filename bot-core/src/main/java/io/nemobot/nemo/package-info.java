/**
 * The Nemo backend client: every endpoint of nemo-api.md over one OkHttp client, the three reply
 * shapes and both SSE event families normalised into {@link io.nemobot.nemo.NemoEvent}, the token
 * lifecycle, and one exception type ({@link io.nemobot.nemo.NemoException}) for the boundary. No
 * OkHttp type leaves this package.
 */
package io.nemobot.nemo;
