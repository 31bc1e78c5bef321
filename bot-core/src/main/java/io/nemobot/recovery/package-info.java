/**
 * Never sending a message twice when something broke: a cut or timed-out stream is settled by reading
 * the session's state ({@link io.nemobot.recovery.CutStreamRecovery}) and, when that cannot confirm it,
 * answered with a Retry offer the user must click ({@link io.nemobot.recovery.RetryOffers}); at start,
 * what the previous run left in flight is resumed or explained ({@link io.nemobot.recovery.AfterRestart}).
 */
package io.nemobot.recovery;
