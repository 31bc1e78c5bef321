package io.nemobot.bench;

import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.ThreadKey;

/**
 * Where an adapter model's calls go: the enforcing platform itself in one process
 * ({@link BenchPlatform}), or its forwarder in a fleet node ({@link RemotePlatform}). Arguments as
 * {@code BenchPlatform.call}: what the call does to the message, Slack's Web API method (or null), the
 * thread, the message (null for a post), the content (null for a status call). Returns the message id
 * (null for a status call); throws the platform's refusal.
 */
@FunctionalInterface
interface PlatformCalls {
    String call(String kind, String method, ThreadKey key, String messageId, OutgoingMessage content);
}
