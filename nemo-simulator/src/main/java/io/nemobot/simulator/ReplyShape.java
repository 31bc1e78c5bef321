package io.nemobot.simulator;

/** How a {@code code}-envelope endpoint (credits, state, session, upload) shapes a success reply. */
public enum ReplyShape {
    /** {@code {"code":0,"message":"ok","data":{...}}}. */
    ENVELOPE,
    /** The {@code data} object itself at top level. */
    BARE
}
