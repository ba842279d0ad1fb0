package io.cikit.core.result;

/**
 * What went wrong in a console log, as recognised by {@link ConsoleLogAnalyzer} (patterns in docs/results.md).
 * The names are the ones {@code cikit log analyze} prints.
 */
public enum IncidentKind {
    /** {@code Kernel panic - not syncing}: the kernel stopped. Always fatal. */
    KERNEL_PANIC,
    /** {@code Oops:}, {@code Internal error:}, {@code Unable to handle kernel paging request}, {@code invalid opcode:}. */
    OOPS,
    /** {@code kernel BUG at …}, {@code BUG: …} not covered by a more specific kind. */
    BUG,
    /** {@code WARNING: CPU: …}, usually between {@code cut here} and {@code end trace}; also a bare stack dump. */
    WARNING,
    KASAN,
    KCSAN,
    KFENCE,
    UBSAN,
    /** {@code Unable to handle kernel NULL pointer dereference}, {@code BUG: kernel NULL pointer dereference}. */
    NULL_POINTER,
    GENERAL_PROTECTION,
    /** {@code watchdog: BUG: soft lockup}. */
    SOFT_LOCKUP,
    /** {@code INFO: task … blocked for more than … seconds}. */
    HUNG_TASK,
    /** {@code rcu: INFO: rcu_sched detected stalls} (and the other RCU flavours). */
    RCU_STALL,
    /** {@code … invoked oom-killer} / {@code Out of memory: Killed process}. */
    OOM,
    /** A boot loader giving up: {@code Bad Linux ARM64 Image magic!}, {@code Wrong Image Format for boot}, … Always fatal. */
    BOOTLOADER_ERROR;

    /** Whether an incident of this kind stops the boot by itself. */
    public boolean fatal() {
        return this == KERNEL_PANIC || this == BOOTLOADER_ERROR;
    }
}
