package io.nemobot.usage;

import io.nemobot.chat.Author;
import io.nemobot.chat.ThreadKey;
import io.nemobot.store.Store;
import io.nemobot.store.UsageTotal;
import io.nemobot.words.Messages;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The answer to {@code /nemo usage}: for a workspace admin (as the adapter found), the credits spent
 * and the turns of today and of this week (UTC; weeks start on Monday) in the asker's workspace, in
 * all and per user and per channel, from the store; for anyone else, that it is for admins. The
 * decision is the core's, so that both platforms answer alike.
 */
public final class UsageReport {
    private final Store store;
    private final Clock clock;

    public UsageReport(Store store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The report for {@code asker}, about the workspace of {@code where}. */
    public String answer(ThreadKey where, Author asker, Messages words) {
        if (!asker.admin()) {
            return words.get("usage.adminsonly");
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<UsageTotal> week = store.usage(where.platform(), where.workspace(), monday.atStartOfDay().toInstant(ZoneOffset.UTC));
        if (week.isEmpty()) {
            return words.get("usage.title") + "\n" + words.get("usage.none");
        }
        List<UsageTotal> day = store.usage(where.platform(), where.workspace(), today.atStartOfDay().toInstant(ZoneOffset.UTC));
        List<String> lines = new ArrayList<>();
        lines.add(words.get("usage.title"));
        lines.add(words.get("usage.today", "turns", turns(day), "credits", credits(day)));
        lines.add(words.get("usage.week", "turns", turns(week), "credits", credits(week)));
        lines.add("");
        lines.add(words.get("usage.byuser"));
        lines.addAll(rows(day, week, UsageTotal::userId, t -> t.userName(), words));
        lines.add("");
        lines.add(words.get("usage.bychannel"));
        lines.addAll(rows(day, week, UsageTotal::channel, t -> words.get("usage.channel", "channel", t.channel()), words));
        return String.join("\n", lines);
    }

    /** One line per key (user or channel), most credits this week first. */
    private static List<String> rows(List<UsageTotal> day, List<UsageTotal> week, Function<UsageTotal, String> key,
            Function<UsageTotal, String> name, Messages words) {
        Map<String, long[]> sums = new LinkedHashMap<>(); // day turns, day credits, week turns, week credits
        Map<String, String> names = new LinkedHashMap<>();
        for (UsageTotal t : week) {
            long[] s = sums.computeIfAbsent(key.apply(t), k -> new long[4]);
            s[2] += t.turns();
            s[3] += t.credits();
            names.putIfAbsent(key.apply(t), name.apply(t));
        }
        for (UsageTotal t : day) {
            long[] s = sums.computeIfAbsent(key.apply(t), k -> new long[4]);
            s[0] += t.turns();
            s[1] += t.credits();
        }
        List<Map.Entry<String, long[]>> ordered = new ArrayList<>(sums.entrySet());
        ordered.sort((a, b) -> a.getValue()[3] != b.getValue()[3] ? Long.compare(b.getValue()[3], a.getValue()[3])
                : Long.compare(b.getValue()[2], a.getValue()[2]));
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : ordered) {
            long[] s = e.getValue();
            out.add(words.get("usage.line", "who", names.get(e.getKey()), "dayturns", s[0], "daycredits", s[1],
                    "weekturns", s[2], "weekcredits", s[3]));
        }
        return out;
    }

    private static long turns(List<UsageTotal> totals) {
        return totals.stream().mapToLong(UsageTotal::turns).sum();
    }

    private static long credits(List<UsageTotal> totals) {
        return totals.stream().mapToLong(UsageTotal::credits).sum();
    }
}
