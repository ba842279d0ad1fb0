package io.cikit.core.artifact;

/**
 * The binary or text format an artifact's bytes are in, named as the CLI prints it. For a compressed file this is
 * the format inside the compression ({@code Image.gz} is {@link #ARM64_IMAGE}; the wrapper is in
 * {@link ArtifactReport#compression()}).
 */
public enum ImageFormat {
    BZIMAGE("bzImage"),
    ARM64_IMAGE("arm64-image"),
    RISCV_IMAGE("riscv-image"),
    ZIMAGE("zImage"),
    UIMAGE("uImage"),
    FIT("fit"),
    EFI_ZBOOT("efi-zboot"),
    ELF("elf"),
    /** A PE/COFF (EFI) executable that is none of the kernel formats above. */
    PE("pe"),
    DTB("dtb"),
    KERNEL_CONFIG("kconfig"),
    SYSTEM_MAP("system-map"),
    TAR("tar"),
    CPIO("cpio"),
    ZIP("zip"),
    /** ext2, ext3 or ext4 file system image; which one is in the report's details. */
    EXTFS("ext"),
    SQUASHFS("squashfs"),
    /** A partitioned disk image (MBR or GPT), as {@code wic} and {@code sdcard} images are. */
    DISK_IMAGE("disk-image"),
    TUXMAKE_METADATA("tuxmake-metadata"),
    YOCTO_TESTDATA("yocto-testdata"),
    YOCTO_MANIFEST("yocto-manifest"),
    UNKNOWN("unknown");

    private final String wireName;

    ImageFormat(String wireName) {
        this.wireName = wireName;
    }

    /** The name used on the command line and in JSON. */
    public String wireName() {
        return wireName;
    }
}
