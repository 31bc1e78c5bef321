package io.nemobot.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The live heap of this process: heap used right after full collections (what stays reachable), and
 * class histograms of live objects (as {@code jcmd <pid> GC.class_histogram} prints them) saved to
 * files, so that comparing two points costs the heap nothing until both are measured.
 */
final class HeapProbe {
    private HeapProbe() {
    }

    /**
     * Heap used after full collections: {@code System.gc()} until the figure stops falling (at most
     * five times), the least one seen.
     */
    static long usedAfterGc() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            sleep(50);
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (used >= least && i >= 2) {
                return least;
            }
            least = Math.min(least, used);
        }
        return least;
    }

    /** Writes the histogram of live objects (a full collection first) to {@code file}. */
    static void histogram(Path file) {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            Files.writeString(file, String.valueOf(text));
        } catch (JMException e) {
            throw new IllegalStateException("no class histogram: " + e, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The classes whose live bytes grew most from the first histogram to the second, at most
     * {@code top} of them: "+bytes (+instances) class".
     */
    static List<String> growth(Path before, Path after, int top) {
        Map<String, long[]> a = parse(before);
        Map<String, long[]> b = parse(after);
        List<Map.Entry<String, long[]>> diffs = new ArrayList<>();
        for (Map.Entry<String, long[]> e : b.entrySet()) {
            long[] was = a.getOrDefault(e.getKey(), new long[2]);
            diffs.add(Map.entry(e.getKey(), new long[] {e.getValue()[0] - was[0], e.getValue()[1] - was[1]}));
        }
        diffs.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : diffs.subList(0, Math.min(top, diffs.size()))) {
            out.add(String.format(Locale.ROOT, "%+,d bytes (%+,d instances) %s", e.getValue()[1], e.getValue()[0], e.getKey()));
        }
        return out;
    }

    /** Class → {instances, bytes}, from {@code jcmd}'s format: {@code "  1:  1234  56789  java.lang.String (java.base)"}. */
    private static Map<String, long[]> parse(Path file) {
        Map<String, long[]> m = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.strip().split("\\s+");
                if (f.length >= 4 && f[0].endsWith(":") && f[1].matches("\\d+") && f[2].matches("\\d+")) {
                    m.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
