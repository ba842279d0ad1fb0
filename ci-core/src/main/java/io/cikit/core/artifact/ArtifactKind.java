package io.cikit.core.artifact;

import java.util.Locale;

/** What a build artifact is, as far as a test lab cares. */
public enum ArtifactKind {
    KERNEL_IMAGE,
    DTB,
    KERNEL_CONFIG,
    MODULES,
    ROOTFS,
    BSP_MANIFEST,
    BSP_TESTDATA,
    BOOTLOADER,
    FIT,
    SYSTEM_MAP,
    UNKNOWN;

    /** The lower-case name used on the command line and in JSON ({@code kernel_image}, …). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
