/**
 * What operators reach besides the chat: the ops HTTP server ({@code /metrics}, {@code /healthz},
 * {@code /readyz}), readiness computed from pluggable checks, the credits poller that feeds a gauge and
 * shows the backend answers, and the log context (conversation key, turn id) every log line of a turn
 * carries.
 */
package io.nemobot.ops;
