package io.cikit.core.result.internal;

import io.cikit.core.result.BootStage;
import io.cikit.core.result.IncidentKind;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The console-log vocabulary: the literals the {@link LiteralFilter} looks for, and the exact classification of a
 * line that contains one (REFERENCE §7 patterns). Only lines that pass the filter, or that fall inside an open
 * report, reach the methods here, so they may use plain string searches.
 */
public final class ConsoleMarkers {

    /** What a line opens or continues. */
    public enum Role {
        /** The headline of a report of a known kind. */
        HEADER,
        /** {@code ------------[ cut here ]------------}: a WARN/BUG report follows. */
        CUT_HERE,
        /** {@code Call Trace:}/{@code Call trace:}/{@code Backtrace:}: a stack follows. */
        STACK
    }

    /** A line's role and, for a header, its kind. */
    public record Marker(Role role, @Nullable IncidentKind kind) {
    }

    // What the LineFilter looks for. "Anywhere" literals are at least 8 bytes (LineFilter samples every 5th byte);
    // short tokens are only looked for where the message starts, which is where the kernel prints them.
    private static final List<String> BOOTLOADER_ERRORS = List.of(
            "Bad Linux ARM64 Image magic", "Wrong Image Format", "Resetting CPU", "Retry count exceeded",
            "### ERROR ###", "Bad Data CRC", "Bad Header Checksum", "Could not find a valid device tree",
            "ERROR: Did not find a cmdline Flattened Device Tree");
    private static final List<String> INCIDENT_ANYWHERE = concat(List.of(
            "Kernel panic - not syncing", "kernel BUG at", "WARNING: CPU:", "[ cut here ]", "Unable to handle kernel",
            "general protection fault", "BUG: soft lockup", "INFO: task ", "detected stall", "Out of memory",
            "invoked oom-killer", "invalid opcode:", "Internal error:", "Unhandled fault", "Call Trace:",
            "Call trace:", "Backtrace:"), BOOTLOADER_ERRORS);
    private static final List<String> INCIDENT_START = List.of("BUG:", "Oops", "UBSAN:", "WARNING:");

    private static final String[][] STAGE_ANYWHERE = {
        {"Hit any key to stop autoboot", "SeaBIOS (version", "GNU GRUB", "Starting kernel ..."},
        {"Booting Linux", "Linux version "},
        {" as init process", "Freeing unused kernel"},
        {"systemd[1]: ", "INIT: version"},
        {"Please press Enter to activate this console"},
    };
    private static final String[][] STAGE_START = {{"U-Boot "}, {}, {}, {"Welcome to ", "[  OK  ] "}, {}};

    /** Literals looked for anywhere in a line; bit i of a mask is literal i. */
    public static final List<String> ANYWHERE;
    /** Literals looked for at the start of the message; their bits follow {@link #ANYWHERE}'s. */
    public static final List<String> START;
    private static final long INCIDENT_MASK;
    private static final long[] STAGE_MASKS = new long[BootStage.values().length];

    static {
        List<String> anywhere = new ArrayList<>(INCIDENT_ANYWHERE);
        List<String> start = new ArrayList<>(INCIDENT_START);
        for (String[] group : STAGE_ANYWHERE) {
            anywhere.addAll(List.of(group));
        }
        for (String[] group : STAGE_START) {
            start.addAll(List.of(group));
        }
        ANYWHERE = List.copyOf(anywhere);
        START = List.copyOf(start);
        long incidents = 0;
        for (String lit : INCIDENT_ANYWHERE) {
            incidents |= bit(lit, false);
        }
        for (String lit : INCIDENT_START) {
            incidents |= bit(lit, true);
        }
        INCIDENT_MASK = incidents;
        for (int s = 0; s < STAGE_ANYWHERE.length; s++) {
            for (String lit : STAGE_ANYWHERE[s]) {
                STAGE_MASKS[s] |= bit(lit, false);
            }
            for (String lit : STAGE_START[s]) {
                STAGE_MASKS[s] |= bit(lit, true);
            }
        }
    }

    private static long bit(String literal, boolean atStart) {
        int i = atStart ? ANYWHERE.size() + START.indexOf(literal) : ANYWHERE.indexOf(literal);
        return 1L << i;
    }

    private ConsoleMarkers() {
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /**
     * The literals worth looking for once the boot has reached {@code current}: every incident literal, the markers
     * of later stages, and the boot-loader and kernel-start markers that reveal a reboot.
     */
    public static long mask(@Nullable BootStage current) {
        long m = INCIDENT_MASK | STAGE_MASKS[BootStage.BOOTLOADER.ordinal()]
                | STAGE_MASKS[BootStage.KERNEL_STARTED.ordinal()];
        for (BootStage s : BootStage.values()) {
            if (current == null || s.compareTo(current) > 0) {
                m |= STAGE_MASKS[s.ordinal()];
            }
        }
        return m;
    }

    /** The report a line opens, if any. {@code msg} has its console prefix removed. */
    public static @Nullable Marker marker(String msg) {
        if (msg.contains("---[ end ")) {
            return null;
        }
        IncidentKind kind = kind(msg);
        if (kind != null) {
            return new Marker(Role.HEADER, kind);
        }
        if (msg.contains("[ cut here ]")) {
            return new Marker(Role.CUT_HERE, null);
        }
        String t = msg.strip();
        if (t.startsWith("Call Trace:") || t.startsWith("Call trace:") || t.startsWith("Backtrace:")) {
            return new Marker(Role.STACK, null);
        }
        return null;
    }

    private static @Nullable IncidentKind kind(String msg) {
        String t = msg.stripLeading();
        if (msg.contains("Kernel panic - not syncing")) {
            return IncidentKind.KERNEL_PANIC;
        }
        if (t.startsWith("BUG: KASAN:")) {
            return IncidentKind.KASAN;
        }
        if (t.startsWith("BUG: KCSAN:")) {
            return IncidentKind.KCSAN;
        }
        if (t.startsWith("BUG: KFENCE:")) {
            return IncidentKind.KFENCE;
        }
        if (t.startsWith("UBSAN:")) {
            return IncidentKind.UBSAN;
        }
        if (msg.contains("BUG: soft lockup")) {
            return IncidentKind.SOFT_LOCKUP;
        }
        if (msg.contains("INFO: task ") && msg.contains("blocked for more than")) {
            return IncidentKind.HUNG_TASK;
        }
        if (msg.contains("detected stall") && msg.contains("rcu")) {
            return IncidentKind.RCU_STALL;
        }
        if (msg.contains("invoked oom-killer") || msg.contains("Out of memory: Kill")
                || msg.contains("Out of memory and no killable")) {
            return IncidentKind.OOM;
        }
        if (msg.contains("NULL pointer dereference")
                && (msg.contains("Unable to handle kernel") || t.startsWith("BUG:"))) {
            return IncidentKind.NULL_POINTER;
        }
        if (msg.contains("general protection fault")) {
            return IncidentKind.GENERAL_PROTECTION;
        }
        if (msg.contains("Unable to handle kernel") || t.startsWith("BUG: unable to handle")
                || t.startsWith("Oops:") || t.startsWith("Oops -") || msg.contains("Internal error:")
                || msg.contains("Unhandled fault") || msg.contains("invalid opcode:")) {
            return IncidentKind.OOPS;
        }
        if (msg.contains("kernel BUG at") || t.startsWith("BUG:")) {
            return IncidentKind.BUG;
        }
        if (t.startsWith("WARNING:") || msg.contains("WARNING: CPU:")) {
            return IncidentKind.WARNING;
        }
        for (String e : BOOTLOADER_ERRORS) {
            if (msg.contains(e)) {
                return IncidentKind.BOOTLOADER_ERROR;
            }
        }
        return null;
    }

    /** The boot stage a line announces, if any. */
    public static @Nullable BootStage stage(String msg) {
        String t = msg.strip();
        if (t.isEmpty()) {
            return null;
        }
        if (isLoginPrompt(t) || t.contains("Please press Enter to activate this console") || isShellPrompt(t)) {
            return BootStage.LOGIN_PROMPT;
        }
        if (t.contains("systemd[1]: ") || t.startsWith("Welcome to ") || t.startsWith("[  OK  ] ")
                || t.contains("INIT: version")) {
            return BootStage.USERSPACE;
        }
        if (t.contains(" as init process") || t.contains("Freeing unused kernel")) {
            return BootStage.INIT;
        }
        if (t.contains("Booting Linux") || t.contains("Linux version ")) {
            return BootStage.KERNEL_STARTED;
        }
        if (t.startsWith("U-Boot ") || t.contains("Hit any key to stop autoboot") || t.contains("SeaBIOS (version")
                || t.contains("GNU GRUB") || t.contains("Starting kernel ...")) {
            return BootStage.BOOTLOADER;
        }
        return null;
    }

    /** {@code board login:}, also with the user name a console echoes after it ({@code board login: root}). */
    static boolean isLoginPrompt(String t) {
        int k = t.lastIndexOf("login:");
        if (k < 0 || t.startsWith("Last login")) {
            return false;
        }
        String typed = t.substring(k + 6).strip();
        return typed.isEmpty() || (typed.length() <= 32 && typed.indexOf(' ') < 0);
    }

    /** {@code / #}, {@code root@board:~#}, {@code sh-5.2#}, {@code ~ $}: short, ending in # or $. */
    public static boolean isShellPrompt(String t) {
        int n = t.length();
        if (n == 0 || n > 80 || t.charAt(0) == '#') {
            return false;
        }
        char last = t.charAt(n - 1);
        if (last != '#' && last != '$') {
            return false;
        }
        return n == 1 || t.charAt(n - 2) != last;
    }

    /** Whether a line ends the report it is in ({@code ---[ end trace …]---}, {@code ---[ end Kernel panic …]---}). */
    public static boolean isEndMarker(String msg) {
        return msg.contains("---[ end trace") || msg.contains("---[ end Kernel panic");
    }

    /** The {@code ======} rule sanitizer reports (KASAN, KCSAN, KFENCE, UBSAN) open and close with. */
    public static boolean isSeparator(String msg) {
        String t = msg.strip();
        if (t.length() < 20) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) != '=') {
                return false;
            }
        }
        return true;
    }

    private static final String[] BODY_PREFIXES = {
        "Call Trace", "Call trace", "Backtrace", "Modules linked in", "Hardware name", "CPU:", "CPU ", "PID:", "Comm:",
        "Code:", "Stack:", "Workqueue:", "Tainted:", "#PF:", "PGD ", "P4D ", "PUD ", "PMD ", "Mem abort info",
        "Data abort info", "ESR ", "EC ", "SET ", "FnV ", "EA ", "S1PTW", "FSC ", "ISV ", "CM ", "WnR ", "user pgtable",
        "swapper pgtable", "pgd=", "[", "Exception stack", "Register ", "irq event stamp", "hardirqs ", "softirqs ",
        "Kernel Offset", "CR2:", "PC is at", "LR is at", "pc :", "lr :", "sp :", "psr:", "epc :", "ra :", "status:",
        "badaddr:", "Process ", "Internal error", "Oops", "invalid opcode", "---[", "task:", "\"echo 0", "Showing ",
        "NMI backtrace", "Sending NMI", "rcu:", "Mem-Info", "Node ", "active_anon", "Free swap", "Total swap",
        "Tasks state", "oom-kill", "oom_reaper", "Out of memory", "lowmem_reserve", "Read of size", "Write of size",
        "The buggy address", "Memory state", "Allocated by", "Freed by", "Last potentially", "Second to last",
        "page:", "flags:", "raw:", "head:", "page dumped", "page_owner", "Disabling lock debugging", "KASAN:",
        "KFENCE:", "kfence-", "in_atomic", "preempt_count", "RIP:", "EIP:", "CPU features", "Memory Limit",
        "Rebooting in", "index ", "shift exponent", "load of value", "signed integer", "Instruction dump", "NIP",
        "MSR", "GPR", "INFO: lockdep", "other info", "stack backtrace", "Possible unsafe", "*** DEADLOCK", "-> #",
        "Chain exists", "no locks held", "lock held", "locks held", "Out-of-bounds", "Use-after-free", "Invalid free",
        "Corrupted memory", "read to", "write to", "value changed", "Reported by", "allocated by", "freed by",
        "Function entered", "note:", "Unable to handle", "Fixing recursive fault", "Call trace",
    };

    /**
     * Whether a line looks like part of a kernel report rather than an unrelated message: indented (stack frames,
     * registers), bracketed ({@code <TASK>}, {@code [<c0101234>]}), a register dump ({@code RAX: 0000…},
     * {@code x29: ffff…}), or one of the headings reports are made of.
     */
    public static boolean isBody(String msg) {
        if (msg.isEmpty()) {
            return false;
        }
        char c = msg.charAt(0);
        if (c == ' ' || c == '\t' || c == '<' || c == '>' || c == '(' || c == '=' || Character.isDigit(c)) {
            return true;
        }
        for (String p : BODY_PREFIXES) {
            if (msg.startsWith(p)) {
                return true;
            }
        }
        return isRegisterDump(msg);
    }

    // "RAX: 0000000000000000 RBX: …", "x29: ffff800008003e10 x28: …", "R10: …"
    private static boolean isRegisterDump(String msg) {
        int i = 0;
        int n = msg.length();
        while (i < n && i < 6 && Character.isLetterOrDigit(msg.charAt(i))) {
            i++;
        }
        if (i == 0 || i >= n) {
            return false;
        }
        if (msg.charAt(i) == ' ') {
            i++;
        }
        if (i >= n || msg.charAt(i) != ':') {
            return false;
        }
        i++;
        while (i < n && msg.charAt(i) == ' ') {
            i++;
        }
        int hex = 0;
        while (i < n && Character.digit(msg.charAt(i), 16) >= 0) {
            i++;
            hex++;
        }
        return hex >= 4;
    }
}
