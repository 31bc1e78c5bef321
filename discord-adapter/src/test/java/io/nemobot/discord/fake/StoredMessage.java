package io.nemobot.discord.fake;

import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.utils.data.DataArray;

/** A message as the fake keeps it: where, who, its current content and buttons, and every version. */
public final class StoredMessage {
    private final String id;
    private final String channelId;
    private final String authorId;
    private final List<String> versions = new ArrayList<>();
    private String content;
    private DataArray components = DataArray.empty();

    StoredMessage(String id, String channelId, String authorId, String content) {
        this.id = id;
        this.channelId = channelId;
        this.authorId = authorId;
        this.content = content;
        versions.add(content);
    }

    public String id() {
        return id;
    }

    public String channelId() {
        return channelId;
    }

    public String authorId() {
        return authorId;
    }

    public synchronized String content() {
        return content;
    }

    /** Every content this message had, first to last. */
    public synchronized List<String> versions() {
        return List.copyOf(versions);
    }

    /** The custom ids of its buttons. */
    public synchronized List<String> buttonIds() {
        List<String> ids = new ArrayList<>();
        for (int row = 0; row < components.length(); row++) {
            DataArray buttons = components.getObject(row).optArray("components").orElseGet(DataArray::empty);
            for (int i = 0; i < buttons.length(); i++) {
                buttons.getObject(i).opt("custom_id").ifPresent(id -> ids.add(id.toString()));
            }
        }
        return ids;
    }

    synchronized void update(String newContent, DataArray newComponents) {
        if (newContent != null) {
            content = newContent;
            versions.add(newContent);
        }
        if (newComponents != null) {
            components = newComponents;
        }
    }

    synchronized DataArray components() {
        return components;
    }

    @Override
    public String toString() {
        return "StoredMessage[" + id + " in " + channelId + ": " + content() + "]";
    }
}
