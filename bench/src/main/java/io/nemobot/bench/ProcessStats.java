package io.nemobot.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * This process's resources over one measured phase: heap used (sampled, and right after each GC),
 * RSS (Linux VmHWM, reset at the start), peak live threads, CPU time, GC work.
 */
public final class ProcessStats {
    /** What one phase used. Bytes, nanoseconds. */
    public record Snapshot(long baselineHeap, long peakHeap, long peakHeapAfterGc, long peakOldGen, long peakRss,
            int peakThreads, long cpuNanos, long gcCount, long gcMillis, long wallNanos, String cpuSeries) {
    }

    private static final AtomicLong AFTER_GC = new AtomicLong();
    private static volatile boolean listening;

    private final long periodMillis;
    private final AtomicLong peakHeap = new AtomicLong();
    private final AtomicLong peakRssSampled = new AtomicLong();
    private final StringBuilder series = new StringBuilder();
    private long otherPid = -1;
    private volatile boolean running;
    private Thread sampler;
    private long baseline;
    private long cpu0;
    private long gcCount0;
    private long gcMillis0;
    private long wall0;

    public ProcessStats(long periodMillis) {
        this.periodMillis = periodMillis;
        listenToGc();
    }

    /** Also follow this process's CPU (the simulator), for the per-second series. */
    public ProcessStats follow(long pid) {
        this.otherPid = pid;
        return this;
    }

    /** Collects garbage, resets every peak and starts sampling. */
    public void start() {
        System.gc();
        sleep(100);
        baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peakHeap.set(baseline);
        AFTER_GC.set(baseline);
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
        resetRssPeak();
        peakRssSampled.set(rss("VmRSS"));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        threads.resetPeakThreadCount();
        cpu0 = cpu();
        gcCount0 = gcCount();
        gcMillis0 = gcMillis();
        wall0 = System.nanoTime();
        running = true;
        sampler = new Thread(() -> {
            long lastSecond = System.nanoTime();
            long[] last = {cpu(), procCpu(otherPid), machineBusy()[0], machineBusy()[1]};
            int seconds = 0;
            while (running) {
                sample();
                sleep(periodMillis);
                long now = System.nanoTime();
                if (now - lastSecond >= 5_000_000_000L) {
                    long[] m = machineBusy();
                    long[] cur = {cpu(), procCpu(otherPid), m[0], m[1]};
                    double secs = (now - lastSecond) / 1e9;
                    double total = cur[3] - last[3];
                    seconds += 5;
                    series.append(String.format(java.util.Locale.ROOT, "%s%d s: bot %.2f, sim %.2f, machine %.2f",
                            series.length() == 0 ? "" : " · ", seconds, (cur[0] - last[0]) / 1e9 / secs,
                            (cur[1] - last[1]) / 1e9 / secs,
                            total <= 0 ? 0 : (cur[2] - last[2]) / total * Runtime.getRuntime().availableProcessors()));
                    last = cur;
                    lastSecond = now;
                }
            }
        }, "bench-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    public Snapshot stop() {
        sample();
        running = false;
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long oldGen = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getName().contains("Old")) {
                oldGen = Math.max(oldGen, p.getPeakUsage().getUsed());
            }
        }
        long hwm = rss("VmHWM");
        return new Snapshot(baseline, peakHeap.get(), AFTER_GC.get(), oldGen, Math.max(hwm, peakRssSampled.get()),
                ManagementFactory.getThreadMXBean().getPeakThreadCount(), cpu() - cpu0, gcCount() - gcCount0,
                gcMillis() - gcMillis0, System.nanoTime() - wall0, series.toString());
    }

    private void sample() {
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peakHeap.accumulateAndGet(used, Math::max);
        peakRssSampled.accumulateAndGet(rss("VmRSS"), Math::max);
    }

    /** Another process's CPU time (Linux /proc), in nanoseconds; 0 when unknown. */
    static long procCpu(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L; // clock ticks of 10 ms
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Busy and total jiffies of the whole machine (/proc/stat). */
    static long[] machineBusy() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    public static long cpu() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static long gcMillis() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionTime());
        }
        return n;
    }

    /** Heap in use right after each collection: the live set, garbage excluded. */
    private static synchronized void listenToGc() {
        if (listening) {
            return;
        }
        listening = true;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                    long used = 0;
                    for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (isHeapPool(e.getKey())) {
                            used += e.getValue().getUsed();
                        }
                    }
                    AFTER_GC.accumulateAndGet(used, Math::max);
                }, null, null);
            }
        }
    }

    private static boolean isHeapPool(String name) {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getName().equals(name)) {
                return p.getType() == MemoryType.HEAP;
            }
        }
        return false;
    }

    /** A {@code /proc/self/status} field in bytes (0 where there is no such file). */
    public static long rss(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** Linux: writing 5 to clear_refs resets VmHWM to the current RSS. */
    private static void resetRssPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // not Linux, or not allowed: the sampled VmRSS peak stands in
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
