package io.cikit.bench.artifact;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/** The largest heap still in use right after a garbage collection: the live set, garbage excluded. */
final class LiveHeap {
    private final AtomicLong max = new AtomicLong();
    private final AtomicLong count = new AtomicLong();

    private LiveHeap() {
    }

    static LiveHeap watch() {
        LiveHeap h = new LiveHeap();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                    long used = 0;
                    for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) {
                        used += u.getUsed();
                    }
                    // non-heap pools (metaspace, code cache) are reported too; subtract them
                    for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
                        if (pool.getType() == java.lang.management.MemoryType.NON_HEAP) {
                            MemoryUsage after = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                            if (after != null) {
                                used -= after.getUsed();
                            }
                        }
                    }
                    long u = used;
                    h.max.accumulateAndGet(u, Math::max);
                    h.count.incrementAndGet();
                }, null, null);
            }
        }
        return h;
    }

    long maxLiveBytes() {
        return max.get();
    }

    long collections() {
        return count.get();
    }
}
