package io.nemobot.store;

import io.nemobot.chat.ThreadKey;
import java.nio.file.Path;
import java.time.Instant;

/** Run in a child process by {@link SqliteStoreTest}: writes bindings forever, confirming each after it returns. */
public final class StoreWriterMain {
    private StoreWriterMain() {
    }

    public static void main(String[] args) {
        SqliteStore store = SqliteStore.open(Path.of(args[0]));
        for (int i = 1; ; i++) {
            store.saveBinding(ThreadBinding.claimed(new ThreadKey("test", "W", "C", "t" + i), "caption-ab", "en", Instant.now())
                    .withSession("sess_" + i, null, null, "en", Instant.now()));
            System.out.println("written " + i);
            System.out.flush();
        }
    }
}
