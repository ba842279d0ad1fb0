package io.cikit.core.artifact;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells an artifact's kind from its file name, for when the bytes are not at hand (a CI system's artifact list)
 * or say nothing (a U-Boot binary has no header). Names follow REFERENCE §5: kernel build outputs, TuxMake
 * outputs and Yocto deploy directories. {@link ArtifactInspector} never uses this; scans use it only for files
 * whose bytes are of no known kind. Stateless and thread-safe.
 */
public final class ArtifactClassifier {
    private static final Pattern KERNEL = Pattern.compile(
            "(bzImage|zImage|xipImage|Image|uImage|vmlinux|vmlinuz)"
                    + "([-.].*)?(\\.(gz|bz2|xz|lz4|lzma|lzo|zst|bin|efi))?");
    private static final Pattern FIT = Pattern.compile("(fitImage.*|.*\\.itb|.*\\.fit)");
    private static final Pattern ROOTFS = Pattern.compile(
            ".*(\\.rootfs([-.].*)?|\\.ext[234](\\..*)?|\\.squashfs(-\\w+)?|\\.wic(\\.(gz|bz2|xz|zst|lz4))?|\\.sdcard(\\..*)?"
                    + "|\\.cpio(\\..*)?|\\.ubi|\\.ubifs|\\.jffs2|\\.erofs(\\..*)?|\\.btrfs)"
                    + "|(rootfs|initramfs|initrd|ramdisk)([-.].*)?");
    private static final Pattern BOOTLOADER = Pattern.compile(
            "(u-boot.*|imx-boot.*|flash\\.bin|bl31.*|bl2.*|fip\\.bin|tf-a.*|tee.*\\.bin|MLO|SPL|.*\\.spl|idbloader.*"
                    + "|boot\\.bin|barebox.*|grub.*\\.efi|systemd-boot.*\\.efi|boot(aa64|x64|ia32|riscv64)\\.efi"
                    + "|opensbi.*|fw_(jump|dynamic|payload).*)");

    private ArtifactClassifier() {
    }

    /** The kind a path's file name suggests; {@link ArtifactKind#UNKNOWN} when it suggests none. Never throws. */
    public static ArtifactKind byName(String path) {
        if (path == null || path.isBlank()) {
            return ArtifactKind.UNKNOWN;
        }
        String p = path.replace('\\', '/');
        String name = p.substring(p.lastIndexOf('/') + 1);
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".bmap") || lower.endsWith(".sha256") || lower.endsWith(".sha256sum") || lower.endsWith(".md5")
                || lower.endsWith(".sig") || lower.endsWith(".asc")) {
            return ArtifactKind.UNKNOWN;
        }
        if (lower.endsWith(".testdata.json")) {
            return ArtifactKind.BSP_TESTDATA;
        }
        if (lower.endsWith(".manifest")) {
            return ArtifactKind.BSP_MANIFEST;
        }
        if (name.equals("System.map") || name.startsWith("System.map-")) {
            return ArtifactKind.SYSTEM_MAP;
        }
        if (name.equals(".config") || name.equals("config") || name.startsWith("config-") || name.equals("kernel.config")
                || name.equals("defconfig") || lower.endsWith(".config") || name.equals("config.gz")) {
            return ArtifactKind.KERNEL_CONFIG;
        }
        if (lower.endsWith(".dtb") || lower.endsWith(".dtbo") || lower.matches("dtbs?(\\.tar(\\.\\w+)?|\\.tgz)")) {
            return ArtifactKind.DTB;
        }
        if (lower.endsWith(".ko") || lower.endsWith(".ko.xz") || lower.endsWith(".ko.zst") || lower.endsWith(".ko.gz")
                || lower.matches("modules([-.].*)?\\.(tar(\\.\\w+)?|tgz)")) {
            return ArtifactKind.MODULES;
        }
        if (BOOTLOADER.matcher(name).matches()) {
            return ArtifactKind.BOOTLOADER;
        }
        if (FIT.matcher(name).matches()) {
            return ArtifactKind.FIT;
        }
        if (KERNEL.matcher(name).matches()) {
            return ArtifactKind.KERNEL_IMAGE;
        }
        if (ROOTFS.matcher(lower).matches()) {
            return ArtifactKind.ROOTFS;
        }
        return ArtifactKind.UNKNOWN;
    }
}
