package io.cikit.bench.result;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a synthetic kernel console log of an exact size: a boot (U-Boot, kernel start, init, systemd, login prompt)
 * followed by ordinary runtime messages with printk timestamps, and a kernel report (warning, KASAN, OOM, hung
 * task, oops) every few thousand lines. Deterministic for a given seed.
 */
final class ConsoleLogGenerator {
    private static final String[] BOOT = {
        "U-Boot 2024.01 (Feb 02 2024 - 09:30:00 +0000)",
        "Hit any key to stop autoboot:  0",
        "Starting kernel ...",
        "[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x410fd083]",
        "[    0.000000] Linux version 6.6.15-v8 (builder@ci) (aarch64-linux-gnu-gcc 12.2.0) #1 SMP PREEMPT",
        "[    2.110040] Freeing unused kernel memory: 4480K",
        "[    2.120000] Run /sbin/init as init process",
        "[    2.400000] systemd[1]: systemd 252.22-1~deb12u1 running in system mode",
        "[  OK  ] Reached target multi-user.target - Multi-User System.",
        "board login: root",
    };

    private static final String[] ORDINARY = {
        "usb 1-1.3: new high-speed USB device number %d using xhci_hcd",
        "usb 1-1.3: New USB device found, idVendor=0bda, idProduct=8153, bcdDevice=30.00",
        "r8152 2-1:1.0 eth1: v1.12.13",
        "EXT4-fs (mmcblk0p2): mounted filesystem 5c1f0f4e-0d1a-4f8f-9a55-2f8d1e3f0a%02d r/w with ordered data mode.",
        "systemd[1]: Started session-%d.scope - Session %d of User root.",
        "systemd-journald[171]: Time spent on flushing to /var/log/journal is 1.234ms for %d entries.",
        "audit: type=1400 audit(1700000000.%03d:42): apparmor=\"STATUS\" operation=\"profile_load\" name=\"lsb_release\"",
        "brcmfmac: brcmf_c_preinit_dcmds: Firmware: BCM4345/6 wl0: Nov  1 2021 00:37:25 version 7.45.241",
        "IPv6: ADDRCONF(NETDEV_CHANGE): eth0: link becomes ready",
        "bcmgenet fd580000.ethernet eth0: Link is Up - 1Gbps/Full - flow control rx/tx",
        "random: crng reseeded on system resumption",
        "nvme nvme0: %d/0/0 default/read/poll queues",
        "kworker/u8:%d: page allocation stall for 10ms, order:0, mode:0x2dc2",
        "sd 0:0:0:0: [sda] Write Protect is off",
        "cgroup: fork rejected by pids controller in /user.slice/user-%d.slice",
        "perf: interrupt took too long (2503 > 2500), lowering kernel.perf_event_max_sample_rate to 79800",
        "watchdog: watchdog0: watchdog did not stop!",
        "thermal thermal_zone0: trip point %d crossed, cooling device throttled",
        "mmc1: queuing unknown CIS tuple 0x80 (2 bytes)",
        "input: Logitech USB Receiver as /devices/platform/scb/fd500000.pcie/usb1/1-1/input/input%d",
    };

    private static final String[][] REPORTS = {
        {
            "------------[ cut here ]------------",
            "WARNING: CPU: 2 PID: 1234 at drivers/net/wireless/broadcom/brcm80211/brcmfmac/core.c:1409 brcmf_netdev_wait_pend8021x+0xdc/0xf0",
            "Modules linked in: brcmfmac brcmutil cfg80211",
            "CPU: 2 PID: 1234 Comm: wpa_supplicant Not tainted 6.6.15-v8 #1",
            "Hardware name: Raspberry Pi 4 Model B Rev 1.4 (DT)",
            "pc : brcmf_netdev_wait_pend8021x+0xdc/0xf0",
            "Call trace:",
            " brcmf_netdev_wait_pend8021x+0xdc/0xf0",
            " brcmf_cfg80211_disconnect+0x3c/0x80",
            "---[ end trace 0000000000000000 ]---",
        },
        {
            "==================================================================",
            "BUG: KASAN: slab-out-of-bounds in foo_read+0x24/0x80",
            "Read of size 4 at addr ffff000004d2f17f by task cat/777",
            "CPU: 1 PID: 777 Comm: cat Not tainted 6.6.15-v8 #1",
            "Call trace:",
            " foo_read+0x24/0x80",
            "==================================================================",
        },
        {
            "INFO: task jbd2/mmcblk0p2-8:123 blocked for more than 120 seconds.",
            "      Not tainted 6.6.15-v8 #1",
            "\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.",
            "task:jbd2/mmcblk0p2- state:D stack:0     pid:123   ppid:2      flags:0x00000008",
            "Call trace:",
            " __switch_to+0xf0/0x160",
        },
        {
            "stress invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0",
            "CPU: 0 PID: 4242 Comm: stress Not tainted 6.6.15-v8 #1",
            "Mem-Info:",
            "active_anon:21 inactive_anon:240133 isolated_anon:0",
            "Out of memory: Killed process 4242 (stress) total-vm:1004048kB, anon-rss:960040kB, file-rss:0kB",
        },
    };

    private ConsoleLogGenerator() {
    }

    /** Writes exactly {@code size} bytes; returns the number of incident reports written. */
    static int write(Path file, long size, long seed) throws IOException {
        Random rnd = new Random(seed);
        long written = 0;
        int reports = 0;
        long line = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (String b : BOOT) {
                written += emit(out, b, size - written);
            }
            StringBuilder sb = new StringBuilder(256);
            while (written < size) {
                line++;
                long micros = 3_000_000 + line * 13_700;
                sb.setLength(0);
                stamp(sb, micros);
                if (line % 5000 == 0) {
                    int mark = sb.length();
                    for (String r : REPORTS[reports++ % REPORTS.length]) {
                        sb.setLength(mark);
                        written += emit(out, sb.append(r).toString(), size - written);
                    }
                    continue;
                }
                String msg = ORDINARY[rnd.nextInt(ORDINARY.length)];
                int n = rnd.nextInt(100);
                if (msg.indexOf('%') >= 0) {
                    // the templates' number holes all take a small integer
                    String num = Integer.toString(n);
                    msg = msg.replace("%03d", num).replace("%02d", num).replace("%d", num);
                }
                written += emit(out, sb.append(msg).toString(), size - written);
            }
        }
        return reports;
    }

    // "[%5d.%06d] " without String.format, which would make generating 500 MB take a minute
    private static void stamp(StringBuilder sb, long micros) {
        String secs = Long.toString(micros / 1_000_000);
        String frac = Long.toString(micros % 1_000_000);
        sb.append('[');
        for (int i = secs.length(); i < 5; i++) {
            sb.append(' ');
        }
        sb.append(secs).append('.');
        for (int i = frac.length(); i < 6; i++) {
            sb.append('0');
        }
        sb.append(frac).append("] ");
    }

    private static long emit(OutputStream out, String line, long room) throws IOException {
        byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.min(b.length, room);
        if (n <= 0) {
            return 0;
        }
        if (n < b.length) {
            // pad the last line so the file has exactly the requested size
            java.util.Arrays.fill(b, 0, n - 1, (byte) 'x');
            b[n - 1] = '\n';
        }
        out.write(b, 0, n);
        return n;
    }

    /** Generates a log by hand: {@code java -cp benchmarks.jar io.cikit.bench.result.ConsoleLogGenerator FILE BYTES}. */
    public static void main(String[] args) throws IOException {
        int reports = write(Path.of(args[0]), Long.parseLong(args[1]), 42);
        System.out.println("wrote " + args[1] + " bytes with " + reports + " reports to " + args[0]);
    }
}
