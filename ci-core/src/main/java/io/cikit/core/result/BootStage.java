package io.cikit.core.result;

/** How far a boot got, in order; {@link ConsoleLogAnalyzer} reports the last one reached. */
public enum BootStage {
    /** A boot loader or firmware is running ({@code U-Boot}, {@code SeaBIOS}, {@code GNU GRUB}). */
    BOOTLOADER,
    /** The kernel has started ({@code Booting Linux}, {@code Linux version}). */
    KERNEL_STARTED,
    /** The kernel handed over to init ({@code Run /init as init process}, {@code Freeing unused kernel memory}). */
    INIT,
    /** The init system is running ({@code systemd[1]:}, {@code Welcome to}, {@code [  OK  ]}, {@code INIT: version}). */
    USERSPACE,
    /** A login or shell prompt appeared ({@code login:}, {@code / #}, {@code Please press Enter to activate this console}). */
    LOGIN_PROMPT
}
