package io.nemobot.nemo;

/** Receives a chat stream's events in order, on the client's thread. */
@FunctionalInterface
public interface StreamListener {
    void onEvent(NemoEvent event);
}
