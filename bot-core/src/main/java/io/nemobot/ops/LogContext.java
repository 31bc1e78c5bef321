package io.nemobot.ops;

import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.MDC;

/**
 * Puts the conversation's key and the turn's id into SLF4J's MDC, so that every log line written
 * while a turn is handled carries them (as {@code mdc.conversation} and {@code mdc.turn} in JSON
 * logs). Use with try-with-resources; closing restores what was there before, so contexts nest.
 * The MDC is per thread: a task handed to another thread takes the context along with {@link #carry}.
 * Keys and ids only, never message text or a token.
 */
public final class LogContext implements AutoCloseable {
    /** The MDC key of the conversation's key (its thread key). */
    public static final String CONVERSATION = "conversation";
    /** The MDC key of the turn's id. */
    public static final String TURN = "turn";

    private final String previousConversation;
    private final String previousTurn;

    private LogContext(String conversation, String turn) {
        this.previousConversation = MDC.get(CONVERSATION);
        this.previousTurn = MDC.get(TURN);
        put(CONVERSATION, conversation);
        put(TURN, turn);
    }

    /** The conversation only (work outside a turn, e.g. a render poll). */
    public static LogContext conversation(String conversationKey) {
        return new LogContext(required(conversationKey, "conversationKey"), null);
    }

    /** The conversation and the turn. */
    public static LogContext turn(String conversationKey, String turnId) {
        return new LogContext(required(conversationKey, "conversationKey"), required(turnId, "turnId"));
    }

    /** The task, running with the MDC its caller has now (and restoring the running thread's own after). */
    public static Runnable carry(Runnable task) {
        Map<String, String> captured = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> own = MDC.getCopyOfContextMap();
            set(captured);
            try {
                task.run();
            } finally {
                set(own);
            }
        };
    }

    /** {@link #carry(Runnable)} for a task with a result. */
    public static <T> Callable<T> carry(Callable<T> task) {
        Map<String, String> captured = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> own = MDC.getCopyOfContextMap();
            set(captured);
            try {
                return task.call();
            } finally {
                set(own);
            }
        };
    }

    @Override
    public void close() {
        put(CONVERSATION, previousConversation);
        put(TURN, previousTurn);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    private static void set(Map<String, String> context) {
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
        return value;
    }
}
