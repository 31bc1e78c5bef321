/**
 * Metrics for operators: the {@link io.nemobot.metrics.BotMetrics} facade the core calls at the moments
 * worth counting (a turn ended, a backend or platform call returned, a render finished), with typed
 * outcomes, and its Prometheus implementation. Nothing outside this package touches Micrometer.
 */
package io.nemobot.metrics;
