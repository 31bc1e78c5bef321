package io.nemobot.bench;

import io.nemobot.chat.Author;
import io.nemobot.chat.ChatPlatform;
import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.PlatformProfile;
import io.nemobot.chat.ThreadKey;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A fleet node's side of a benchmark platform: the port the core writes to, forwarding each call to the
 * driver's {@link PlatformServer}, where the one {@link BenchPlatform} of that platform enforces the
 * limits for every process. The core is given the platform's profile (whole: the core takes its fleet
 * share of it; or cut by {@link FleetRules} in the fixed mode); Slack threads run the adapter model
 * ({@link SlackBenchThread}) here, paced by the tiers times the live {@code share}, as each process's
 * adapter would pace itself.
 */
final class RemotePlatform implements ChatPlatform {
    private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");

    private final String name;
    private final PlatformProfile profile;
    private final SlackPacing pacing;
    private final String url;
    private final OkHttpClient http;
    private final Map<ThreadKey, ChatThread> threads = new ConcurrentHashMap<>();

    /** {@code share}: the part of each Slack tier this process paces itself by, read at every count. */
    RemotePlatform(Rules rules, DoubleSupplier share, String url, OkHttpClient http) {
        this.name = rules.name();
        this.profile = rules.profile();
        this.pacing = rules.tiers() == null ? null : new SlackPacing(rules, share);
        this.url = url;
        this.http = http;
    }

    /** One client for a node's platforms: every call is synchronous, so connections are as many as calls in flight. */
    static OkHttpClient client() {
        return new OkHttpClient.Builder().connectionPool(new ConnectionPool(256, 1, TimeUnit.MINUTES))
                .readTimeout(Duration.ofMinutes(2)).retryOnConnectionFailure(false).build();
    }

    @Override
    public PlatformProfile profile() {
        return profile;
    }

    @Override
    public ChatThread thread(ThreadKey key) {
        return threads.computeIfAbsent(key, k -> pacing != null ? new SlackBenchThread(this::call, pacing, k) : new Forwarding(k));
    }

    String call(String kind, String method, ThreadKey key, String messageId, OutgoingMessage content) {
        String body = name + "\n" + kind + "\n" + (method == null ? "-" : method) + "\n" + key.id() + "\n"
                + (messageId == null ? "-" : messageId) + "\n" + (content == null ? "0\n" : "1\n" + content.text());
        Request request = new Request.Builder().url(url).post(RequestBody.create(body, TEXT)).build();
        String answer;
        try (Response response = http.newCall(request).execute()) {
            answer = response.body().string();
        } catch (IOException e) {
            throw new ChatPlatformException(ChatPlatformException.Kind.OTHER, "platform unreachable: " + e.getMessage());
        }
        if (answer.startsWith("ok ")) {
            String id = answer.substring(3);
            return id.equals("-") ? null : id;
        }
        String[] f = answer.split(" ", 4);
        ChatPlatformException.Kind refusal = ChatPlatformException.Kind.valueOf(f[1]);
        Duration retry = f[2].equals("-") ? null : Duration.ofMillis(Long.parseLong(f[2]));
        throw new ChatPlatformException(refusal, f.length > 3 ? f[3] : "refused", retry, null);
    }

    /** A Discord thread: each port call is one platform call. */
    private final class Forwarding implements ChatThread {
        private final ThreadKey key;

        Forwarding(ThreadKey key) {
            this.key = key;
        }

        @Override
        public ThreadKey key() {
            return key;
        }

        @Override
        public MessageHandle post(OutgoingMessage message) {
            return new MessageHandle(call("post", null, key, null, message));
        }

        @Override
        public void edit(MessageHandle message, OutgoingMessage content) {
            call("edit", null, key, message.id(), content);
        }

        @Override
        public void finish(MessageHandle message, OutgoingMessage content) {
            call("finish", null, key, message.id(), content);
        }

        @Override
        public String mention(Author author) {
            return "<@" + author.id() + ">";
        }
    }
}
