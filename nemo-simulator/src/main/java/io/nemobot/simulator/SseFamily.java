package io.nemobot.simulator;

/** The two event families a chat stream can speak (nemo-api.md, "Chat (SSE)"). */
enum SseFamily {
    /** {@code {"type":"text","content":..}} and friends (the vendor's API reference). */
    TYPED,
    /** Google ADK events: {@code {"id":..,"invocationId":..,"author":..,"content":{"parts":[..]}}}. */
    AGENT
}
