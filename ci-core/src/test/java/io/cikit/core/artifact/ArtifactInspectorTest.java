package io.cikit.core.artifact;

import static io.cikit.core.artifact.SyntheticImages.RELEASE;
import static io.cikit.core.artifact.SyntheticImages.arm64Image;
import static io.cikit.core.artifact.SyntheticImages.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactInspectorTest {
    private final ArtifactInspector inspector = new ArtifactInspector();

    private ArtifactReport inspect(byte[] bytes) {
        return inspector.inspect(bytes, "artifact");
    }

    // ---- x86 bzImage ----

    @Test
    void bzImageVersionComesFromTheHeaderPointer() {
        ArtifactReport r = inspect(SyntheticImages.bzImage(RELEASE, true, Compression.XZ, true));

        assertThat(r.kind()).isEqualTo(ArtifactKind.KERNEL_IMAGE);
        assertThat(r.format()).isEqualTo(ImageFormat.BZIMAGE);
        assertThat(r.arch()).isEqualTo(Arch.X86_64);
        assertThat(r.version()).contains(RELEASE);
        assertThat(r.endianness()).isEqualTo(Endianness.LITTLE);
        assertThat(r.payloadCompression()).isEqualTo(Compression.XZ);
        assertThat(r.details()).containsEntry("bootProtocol", "2.15");
        assertThat(r.reason()).isEmpty();
    }

    @Test
    void bzImageWithoutXloadflags64IsI386() {
        ArtifactReport r = inspect(SyntheticImages.bzImage("6.6.52", false, Compression.GZIP, true));

        assertThat(r.arch()).isEqualTo(Arch.I386);
        assertThat(r.version()).contains("6.6.52");
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"GZIP", "XZ", "ZSTD", "BZIP2", "LZ4", "LZMA"})
    void bzImageWithoutAVersionStringIsReadFromItsCompressedPayload(Compression c) {
        ArtifactReport r = inspect(SyntheticImages.bzImage("6.12.9-arch1", true, c, false));

        assertThat(r.format()).isEqualTo(ImageFormat.BZIMAGE);
        assertThat(r.payloadCompression()).isEqualTo(c);
        assertThat(r.version()).contains("6.12.9-arch1");
        assertThat(r.details()).containsEntry("payloadFormat", "elf");
    }

    @Test
    void truncatedBzImageIsUnknownWithTheReason() {
        byte[] full = SyntheticImages.bzImage(RELEASE, true, Compression.GZIP, true);
        ArtifactReport r = inspect(Arrays.copyOf(full, full.length - 1000));

        assertThat(r.kind()).isEqualTo(ArtifactKind.UNKNOWN);
        assertThat(r.format()).isEqualTo(ImageFormat.UNKNOWN);
        assertThat(r.version()).isEmpty();
        assertThat(r.reason()).hasValueSatisfying(s -> assertThat(s).contains("truncated bzImage"));
    }

    @Test
    void bzImageHeaderCutBeforeItsFieldsIsUnknown() {
        byte[] full = SyntheticImages.bzImage(RELEASE, true, Compression.GZIP, true);
        ArtifactReport r = inspect(Arrays.copyOf(full, 0x210));

        assertThat(r.kind()).isEqualTo(ArtifactKind.UNKNOWN);
        assertThat(r.reason()).hasValueSatisfying(s -> assertThat(s).contains("truncated bzImage header"));
    }

    @Test
    void bzImageWithAnImpossibleProtocolVersionIsUnknown() {
        byte[] img = SyntheticImages.bzImage(RELEASE, true, Compression.GZIP, true);
        img[0x207] = 0x7F;
        ArtifactReport r = inspect(img);

        assertThat(r.kind()).isEqualTo(ArtifactKind.UNKNOWN);
        assertThat(r.reason()).hasValueSatisfying(s -> assertThat(s).contains("boot protocol"));
    }

    // ---- arm64 and RISC-V ----

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void arm64ImageFlagsGiveEndiannessAndPageSize(int pageCode) {
        ArtifactReport le = inspect(arm64Image(false, pageCode, false, body(400_000, 330_000, RELEASE)));
        ArtifactReport be = inspect(arm64Image(true, pageCode, false, body(400_000, 330_000, RELEASE)));

        assertThat(le.format()).isEqualTo(ImageFormat.ARM64_IMAGE);
        assertThat(le.arch()).isEqualTo(Arch.ARM64);
        assertThat(le.endianness()).isEqualTo(Endianness.LITTLE);
        assertThat(be.endianness()).isEqualTo(Endianness.BIG);
        int expected = pageCode == 1 ? 4096 : pageCode == 2 ? 16384 : 65536;
        assertThat(le.pageSize()).hasValue(expected);
        assertThat(be.pageSize()).hasValue(expected);
        assertThat(le.version()).contains(RELEASE);
        assertThat(le.details().get("banner")).startsWith("Linux version " + RELEASE + " (debian-kernel@");
    }

    @Test
    void arm64ImageWithEfiStubStillReadsAsArm64() {
        ArtifactReport r = inspect(arm64Image(false, 1, true, body(100_000, 90_000, RELEASE)));

        assertThat(r.format()).isEqualTo(ImageFormat.ARM64_IMAGE);
        assertThat(r.details()).containsEntry("efiStub", "true");
        assertThat(r.version()).contains(RELEASE);
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"GZIP", "XZ", "ZSTD", "BZIP2", "LZ4", "LZMA"})
    void compressedArm64ImageKeepsItsFormatAndNamesTheWrapper(Compression c) {
        byte[] image = arm64Image(false, 1, false, body(600_000, 500_000, "6.6.52-yocto-standard"));
        ArtifactReport r = inspect(SyntheticImages.compress(c, image));

        assertThat(r.kind()).isEqualTo(ArtifactKind.KERNEL_IMAGE);
        assertThat(r.format()).isEqualTo(ImageFormat.ARM64_IMAGE);
        assertThat(r.compression()).isEqualTo(c);
        assertThat(r.version()).contains("6.6.52-yocto-standard");
        assertThat(r.pageSize()).hasValue(4096);
    }

    @Test
    void lz4FrameFormatIsReadToo() {
        byte[] image = arm64Image(false, 1, false, body(300_000, 280_000, RELEASE));
        ArtifactReport r = inspect(SyntheticImages.lz4Frame(image));

        assertThat(r.compression()).isEqualTo(Compression.LZ4);
        assertThat(r.version()).contains(RELEASE);
    }

    @Test
    void bannerBeyondTheDecompressionBudgetLeavesTheVersionUnknownAndSaysWhy() {
        ArtifactInspector small = new ArtifactInspector(InspectionLimits.DEFAULT.withDecompressedBudget(300_000));
        byte[] image = arm64Image(false, 1, false, body(600_000, 500_000, RELEASE));
        ArtifactReport r = small.inspect(SyntheticImages.gzip(image), "Image.gz");

        assertThat(r.format()).isEqualTo(ImageFormat.ARM64_IMAGE);
        assertThat(r.version()).isEmpty();
        assertThat(r.reason()).hasValueSatisfying(s -> assertThat(s).contains("decompression budget"));
    }

    @Test
    void legacyArm64HeaderHasNoFlags() {
        byte[] img = arm64Image(true, 3, false, body(1000, 10, RELEASE));
        Arrays.fill(img, 0x10, 0x18, (byte) 0);
        ArtifactReport r = inspect(img);

        assertThat(r.format()).isEqualTo(ImageFormat.ARM64_IMAGE);
        assertThat(r.endianness()).isEqualTo(Endianness.UNKNOWN);
        assertThat(r.pageSize()).isEmpty();
    }

    @Test
    void riscvImageWordSizeFollowsTheLoadOffset() {
        ArtifactReport rv64 = inspect(SyntheticImages.riscvImage(0x200000, false, body(50_000, 40_000, "6.6.0")));
        ArtifactReport rv32 = inspect(SyntheticImages.riscvImage(0x400000, true, body(50_000, 40_000, "6.6.0")));
        ArtifactReport odd = inspect(SyntheticImages.riscvImage(0x0, false, body(50_000, 40_000, "6.6.0")));

        assertThat(rv64.format()).isEqualTo(ImageFormat.RISCV_IMAGE);
        assertThat(rv64.arch()).isEqualTo(Arch.RISCV64);
        assertThat(rv64.endianness()).isEqualTo(Endianness.LITTLE);
        assertThat(rv64.version()).contains("6.6.0");
        assertThat(rv32.arch()).isEqualTo(Arch.RISCV32);
        assertThat(rv32.endianness()).isEqualTo(Endianness.BIG);
        assertThat(odd.arch()).isEqualTo(Arch.UNKNOWN);
        assertThat(rv64.details()).containsEntry("headerVersion", "0.2");
    }

    // ---- 32-bit ARM zImage ----

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"GZIP", "XZ", "LZMA", "LZ4", "ZSTD"})
    void zImageInBothByteOrdersFindsTheBannerInItsPayload(Compression c) {
        for (boolean big : new boolean[] {false, true}) {
            ArtifactReport r = inspect(SyntheticImages.zImage(big, c, "5.15.0-rpi"));

            assertThat(r.format()).isEqualTo(ImageFormat.ZIMAGE);
            assertThat(r.arch()).isEqualTo(Arch.ARM);
            assertThat(r.endianness()).isEqualTo(big ? Endianness.BIG : Endianness.LITTLE);
            assertThat(r.payloadCompression()).isEqualTo(c);
            assertThat(r.version()).contains("5.15.0-rpi");
            assertThat(r.details()).containsEntry("endiannessFlag", "true");
        }
    }

    @Test
    void truncatedZImageIsUnknown() {
        byte[] full = SyntheticImages.zImage(false, Compression.GZIP, "5.15.0");
        ArtifactReport r = inspect(Arrays.copyOf(full, full.length / 2));

        assertThat(r.kind()).isEqualTo(ArtifactKind.UNKNOWN);
        assertThat(r.version()).isEmpty();
        assertThat(r.reason()).hasValueSatisfying(s -> assertThat(s).contains("truncated zImage"));
    }

    @Test
    void zImageWithEndBeforeStartIsUnknown() {
        byte[] img = SyntheticImages.zImage(false, Compression.GZIP, "5.15.0");
        img[0x2C] = 0;
        img[0x2D] = 0;
        img[0x2E] = 0;
        img[0x2F] = 0;
        assertThat(inspect(img).reason()).hasValueSatisfying(s -> assertThat(s).contains("implausible"));
    }

    // ---- uImage ----

    @Test
    void uImageHeaderFieldsAreDecodedAndItsKernelPayloadRead() {
        byte[] zimage = SyntheticImages.zImage(false, Compression.GZIP, "6.1.0-rpi");
        ArtifactReport r = inspect(SyntheticImages.uImage(5, 2, 2, 0, "Linux-6.1.0", zimage));

        assertThat(r.kind()).isEqualTo(ArtifactKind.KERNEL_IMAGE);
        assertThat(r.format()).isEqualTo(ImageFormat.UIMAGE);
        assertThat(r.arch()).isEqualTo(Arch.ARM);
        assertThat(r.version()).contains("6.1.0-rpi");
        assertThat(r.endianness()).isEqualTo(Endianness.LITTLE);
        assertThat(r.details()).containsEntry("name", "Linux-6.1.0").containsEntry("os", "linux")
                .containsEntry("type", "kernel").containsEntry("loadAddress", "0x80008000")
                .containsEntry("payloadFormat", "zImage");
    }

    @Test
    void uImageWithGzipPayloadIsDecompressedForTheBanner() {
        byte[] vmlinux = SyntheticImages.elf(8, false, true, 2, body(200_000, 150_000, "4.14.0-mips"));
        ArtifactReport r = inspect(SyntheticImages.uImage(5, 5, 2, 1, "MIPS Linux", SyntheticImages.gzip(vmlinux)));

        assertThat(r.arch()).isEqualTo(Arch.MIPS);
        assertThat(r.payloadCompression()).isEqualTo(Compression.GZIP);
        assertThat(r.version()).contains("4.14.0-mips");
        assertThat(r.endianness()).isEqualTo(Endianness.BIG);
    }

    @Test
    void riscvUImageTakesTheWordSizeFromItsPayload() {
        byte[] image = SyntheticImages.riscvImage(0x200000, false, body(20_000, 10_000, "6.6.0"));
        ArtifactReport r = inspect(SyntheticImages.uImage(5, 26, 2, 0, "riscv", image));

        assertThat(r.arch()).isEqualTo(Arch.RISCV64);
    }

    @Test
    void uImageWithABadHeaderCrcIsUnknown() {
        byte[] img = SyntheticImages.uImage(5, 22, 2, 0, "Linux", body(1000, 10, RELEASE));
        img[0x20] ^= 0x01;
        ArtifactReport r = inspect(img);

        assertThat(r.kind()).isEqualTo(ArtifactKind.UNKNOWN);
        assertThat(r.arch()).isEqualTo(Arch.UNKNOWN);
        assertThat(r.reason()).hasValueSatisfying(s -> assertThat(s).contains("header CRC mismatch"));
    }

    @Test
    void uImageWithCorruptDataIsUnknown() {
        byte[] img = SyntheticImages.uImage(5, 22, 2, 0, "Linux", body(1000, 10, RELEASE));
        img[500] ^= 0x40;
        assertThat(inspect(img).reason()).hasValueSatisfying(s -> assertThat(s).contains("data CRC mismatch"));
    }

    @Test
    void uImageCutShortIsUnknown() {
        byte[] img = SyntheticImages.uImage(5, 22, 2, 0, "Linux", body(1000, 10, RELEASE));
        assertThat(inspect(Arrays.copyOf(img, 600)).reason()).hasValueSatisfying(s -> assertThat(s).contains("truncated uImage data"));
        assertThat(inspect(Arrays.copyOf(img, 40)).reason()).hasValueSatisfying(s -> assertThat(s).contains("truncated uImage header"));
    }

    @Test
    void uImageHoldingADeviceTreeIsADtb() {
        byte[] dtb = SyntheticImages.dtb("Board", "vendor,board", "vendor,soc");
        ArtifactReport r = inspect(SyntheticImages.uImage(5, 22, 8, 0, "dtb", dtb));

        assertThat(r.kind()).isEqualTo(ArtifactKind.DTB);
        assertThat(r.compatible()).containsExactly("vendor,board", "vendor,soc");
    }

    // ---- device trees and FIT ----

    @Test
    void dtbGivesRootCompatibleAndModel() {
        ArtifactReport r = inspect(SyntheticImages.dtb("NXP i.MX8MPlus EVK board", "fsl,imx8mp-evk", "fsl,imx8mp"));

        assertThat(r.kind()).isEqualTo(ArtifactKind.DTB);
        assertThat(r.format()).isEqualTo(ImageFormat.DTB);
        assertThat(r.compatible()).containsExactly("fsl,imx8mp-evk", "fsl,imx8mp");
        assertThat(r.model()).contains("NXP i.MX8MPlus EVK board");
        assertThat(r.arch()).isEqualTo(Arch.UNKNOWN);
    }

    @Test
    void truncatedOrCorruptDtbIsUnknown() {
        byte[] dtb = SyntheticImages.dtb("Board", "vendor,board");
        assertThat(inspect(Arrays.copyOf(dtb, dtb.length - 8)).kind()).isEqualTo(ArtifactKind.UNKNOWN);
        assertThat(inspect(Arrays.copyOf(dtb, 30)).reason()).hasValueSatisfying(s -> assertThat(s).contains("truncated"));

        byte[] badToken = dtb.clone();
        badToken[56 + 3] = 0x77;
        ArtifactReport r = inspect(badToken);
        assertThat(r.kind()).isEqualTo(ArtifactKind.UNKNOWN);
        assertThat(r.compatible()).isEmpty();
        assertThat(r.reason()).hasValueSatisfying(s -> assertThat(s).contains("corrupt device tree"));
    }

    @Test
    void fitListsImagesAndConfigurationsAndReadsTheEmbeddedKernel() {
        byte[] kernel = SyntheticImages.gzip(arm64Image(false, 2, false, body(2_000_000, 1_900_000, "6.6.23-fit")));
        byte[] dtb = SyntheticImages.dtb("Vendor Board", "vendor,board-a", "vendor,soc");
        byte[] fit = SyntheticImages.fit(kernel, "gzip", "arm64", dtb);
        assertThat(fit.length).isGreaterThan(InspectionLimits.DEFAULT.headBytes());

        ArtifactReport r = inspect(fit);

        assertThat(r.kind()).isEqualTo(ArtifactKind.FIT);
        assertThat(r.format()).isEqualTo(ImageFormat.FIT);
        assertThat(r.arch()).isEqualTo(Arch.ARM64);
        assertThat(r.version()).contains("6.6.23-fit");
        assertThat(r.pageSize()).hasValue(16384);
        assertThat(r.payloadCompression()).isEqualTo(Compression.GZIP);
        assertThat(r.compatible()).containsExactly("vendor,board-a", "vendor,soc");
        assertThat(r.model()).contains("Vendor Board");
        assertThat(r.fitImages()).extracting(FitImage::name).containsExactly("kernel-1", "fdt-1");
        assertThat(r.fitImages().get(0).type()).contains("kernel");
        assertThat(r.fitImages().get(0).dataSize()).hasValue(kernel.length);
        assertThat(r.fitConfigurations()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("conf-1");
            assertThat(c.kernel()).contains("kernel-1");
            assertThat(c.fdt()).containsExactly("fdt-1");
            assertThat(c.isDefault()).isTrue();
        });
    }

    // ---- EFI zboot, ELF, PE ----

    @Test
    void efiZbootReadsArchFromPeAndVersionFromItsPayload() {
        byte[] inner = arm64Image(false, 3, true, body(300_000, 250_000, "6.8.0-zboot"));
        ArtifactReport r = inspect(SyntheticImages.efiZboot(0xAA64, "zstd", SyntheticImages.zstd(inner)));

        assertThat(r.kind()).isEqualTo(ArtifactKind.KERNEL_IMAGE);
        assertThat(r.format()).isEqualTo(ImageFormat.EFI_ZBOOT);
        assertThat(r.arch()).isEqualTo(Arch.ARM64);
        assertThat(r.payloadCompression()).isEqualTo(Compression.ZSTD);
        assertThat(r.version()).contains("6.8.0-zboot");
        assertThat(r.pageSize()).hasValue(65536);
    }

    @Test
    void elfVmlinuxGivesArchAndByteOrder() {
        ArtifactReport x86 = inspect(SyntheticImages.elf(62, true, false, 2, body(300_000, 200_000, RELEASE)));
        ArtifactReport ppc = inspect(SyntheticImages.elf(21, true, true, 2, body(10_000, 100, "6.1.0-ppc")));
        ArtifactReport arm = inspect(SyntheticImages.elf(40, false, false, 2, body(10_000, 100, "6.1.0-arm")));

        assertThat(x86.kind()).isEqualTo(ArtifactKind.KERNEL_IMAGE);
        assertThat(x86.format()).isEqualTo(ImageFormat.ELF);
        assertThat(x86.arch()).isEqualTo(Arch.X86_64);
        assertThat(x86.version()).contains(RELEASE);
        assertThat(ppc.arch()).isEqualTo(Arch.POWERPC64);
        assertThat(ppc.endianness()).isEqualTo(Endianness.BIG);
        assertThat(arm.arch()).isEqualTo(Arch.ARM);
        assertThat(arm.details()).containsEntry("elfClass", "32");
    }

    @Test
    void elfWithoutBannerIsNotAKernel() {
        ArtifactReport r = inspect(SyntheticImages.elf(183, true, false, 3, SyntheticImages.filler(5000, 1)));

        assertThat(r.kind()).isEqualTo(ArtifactKind.UNKNOWN);
        assertThat(r.format()).isEqualTo(ImageFormat.ELF);
        assertThat(r.arch()).isEqualTo(Arch.ARM64);
        assertThat(r.reason()).isPresent();
    }

    @Test
    void kernelModuleGivesTheReleaseFromVermagic() {
        byte[] modinfo = SyntheticImages.ascii("license=GPL\0vermagic=6.1.0-56-amd64 SMP preempt mod_unload modversions \0");
        ArtifactReport r = inspect(SyntheticImages.elf(62, true, false, 1, SyntheticImages.concat(SyntheticImages.filler(3000, 2), modinfo)));

        assertThat(r.kind()).isEqualTo(ArtifactKind.MODULES);
        assertThat(r.version()).contains(RELEASE);
    }

    @Test
    void corruptElfIdentificationIsUnknown() {
        byte[] elf = SyntheticImages.elf(62, true, false, 2, body(1000, 10, RELEASE));
        elf[4] = 9;
        ArtifactReport r = inspect(elf);

        assertThat(r.kind()).isEqualTo(ArtifactKind.UNKNOWN);
        assertThat(r.format()).isEqualTo(ImageFormat.UNKNOWN);
        assertThat(r.version()).isEmpty();
    }

    @Test
    void rawKernelWithoutHeaderIsFoundByItsBanner() {
        ArtifactReport r = inspect(body(200_000, 190_000, "5.10.0-raw"));

        assertThat(r.kind()).isEqualTo(ArtifactKind.KERNEL_IMAGE);
        assertThat(r.format()).isEqualTo(ImageFormat.UNKNOWN);
        assertThat(r.version()).contains("5.10.0-raw");
    }

    // ---- text and JSON ----

    @Test
    void kernelConfigGivesArchVersionAndKeyOptions() {
        String config = """
                #
                # Automatically generated file; DO NOT EDIT.
                # Linux/arm64 6.1.0 Kernel Configuration
                #
                CONFIG_CC_VERSION_TEXT="gcc (Debian 12.2.0-14) 12.2.0"
                CONFIG_ARM64=y
                CONFIG_64BIT=y
                CONFIG_ARM64_16K_PAGES=y
                # CONFIG_CPU_BIG_ENDIAN is not set
                CONFIG_CPU_LITTLE_ENDIAN=y
                CONFIG_SMP=y
                CONFIG_LOCALVERSION="-custom"
                CONFIG_MODULES=y
                """;
        ArtifactReport r = inspect(SyntheticImages.ascii(config));

        assertThat(r.kind()).isEqualTo(ArtifactKind.KERNEL_CONFIG);
        assertThat(r.format()).isEqualTo(ImageFormat.KERNEL_CONFIG);
        assertThat(r.arch()).isEqualTo(Arch.ARM64);
        assertThat(r.version()).contains("6.1.0");
        assertThat(r.pageSize()).hasValue(16384);
        assertThat(r.endianness()).isEqualTo(Endianness.LITTLE);
        assertThat(r.details()).containsEntry("CONFIG_LOCALVERSION", "-custom").containsEntry("CONFIG_SMP", "y");
    }

    @Test
    void kernelConfigArchComesFromSymbolsWhenTheHeaderIsAmbiguous() {
        String x86 = "# Linux/x86 6.6.0 Kernel Configuration\nCONFIG_X86_64=y\nCONFIG_X86=y\nCONFIG_64BIT=y\n";
        String i386 = "# Linux/x86 6.6.0 Kernel Configuration\nCONFIG_X86_32=y\nCONFIG_X86=y\n# CONFIG_64BIT is not set\n";
        String mipsBe = "CONFIG_MIPS=y\nCONFIG_CPU_BIG_ENDIAN=y\nCONFIG_32BIT=y\n";

        assertThat(inspect(SyntheticImages.ascii(x86)).arch()).isEqualTo(Arch.X86_64);
        assertThat(inspect(SyntheticImages.ascii(i386)).arch()).isEqualTo(Arch.I386);
        ArtifactReport mips = inspect(SyntheticImages.ascii(mipsBe));
        assertThat(mips.arch()).isEqualTo(Arch.MIPS);
        assertThat(mips.endianness()).isEqualTo(Endianness.BIG);
        assertThat(mips.version()).isEmpty();
    }

    @Test
    void gzippedConfigIsStillAConfig() {
        ArtifactReport r = inspect(SyntheticImages.gzip(SyntheticImages.ascii("CONFIG_RISCV=y\nCONFIG_64BIT=y\nCONFIG_SMP=y\n")));

        assertThat(r.kind()).isEqualTo(ArtifactKind.KERNEL_CONFIG);
        assertThat(r.compression()).isEqualTo(Compression.GZIP);
        assertThat(r.arch()).isEqualTo(Arch.RISCV64);
    }

    @Test
    void systemMapArchComesFromSyscallWrappers() {
        String map = "ffffffff81000000 T _text\nffffffff81000000 T startup_64\nffffffff810a1b20 T __x64_sys_read\n"
                + "ffffffff82000000 D linux_banner\n";
        ArtifactReport r = inspect(SyntheticImages.ascii(map));

        assertThat(r.kind()).isEqualTo(ArtifactKind.SYSTEM_MAP);
        assertThat(r.arch()).isEqualTo(Arch.X86_64);
        assertThat(r.details()).containsEntry("symbols", "4").containsEntry("addressBits", "64");
        assertThat(inspect(SyntheticImages.ascii("c0008000 T _text\nc0008000 T stext\nc0100000 T sys_read\n")).arch())
                .isEqualTo(Arch.UNKNOWN);
    }

    @Test
    void yoctoManifestListsPackages() {
        String manifest = "base-files imx8mp_lpddr4_evk 3.0.14-r89\nbusybox armv8a 1.36.1-r0\nlibc6 armv8a 2.39+git0+abc-r0\n";
        ArtifactReport r = inspect(SyntheticImages.ascii(manifest));

        assertThat(r.kind()).isEqualTo(ArtifactKind.BSP_MANIFEST);
        assertThat(r.arch()).isEqualTo(Arch.ARM64);
        assertThat(r.details()).containsEntry("packages", "3").containsEntry("package.busybox", "1.36.1-r0");
    }

    @Test
    void yoctoTestdataGivesMachineDistroAndArch() {
        String json = "{\"MACHINE\": \"imx8mp-lpddr4-evk\", \"DISTRO\": \"poky\", \"DISTRO_VERSION\": \"5.0.4\","
                + " \"KERNEL_IMAGETYPE\": \"Image\", \"TARGET_ARCH\": \"aarch64\", \"BBLAYERS\": \"a b c\","
                + " \"SOME_LIST\": [1, 2], \"NESTED\": {\"x\": 1}}";
        ArtifactReport r = inspect(SyntheticImages.ascii(json));

        assertThat(r.kind()).isEqualTo(ArtifactKind.BSP_TESTDATA);
        assertThat(r.format()).isEqualTo(ImageFormat.YOCTO_TESTDATA);
        assertThat(r.arch()).isEqualTo(Arch.ARM64);
        assertThat(r.version()).contains("5.0.4");
        assertThat(r.details()).containsEntry("MACHINE", "imx8mp-lpddr4-evk").containsEntry("KERNEL_IMAGETYPE", "Image");
    }

    @Test
    void tuxmakeMetadataGivesReleaseArchAndArtifacts() {
        String json = """
                {"build": {"target_arch": "arm64", "toolchain": "gcc-13", "kconfig": "defconfig"},
                 "git": {"git_describe": "v6.7-rc4-123-gabcdef", "git_sha": "abcdef0123"},
                 "results": {"status": "PASS", "artifacts": {"kernel": ["Image.gz"], "modules": ["modules.tar.xz"]}},
                 "source": {"kernelrelease": "6.7.0-rc4-00123-gabcdef", "kernelversion": "6.7.0-rc4"},
                 "tuxmake": {"version": "1.20.0"}}
                """;
        ArtifactReport r = inspect(SyntheticImages.ascii(json));

        assertThat(r.format()).isEqualTo(ImageFormat.TUXMAKE_METADATA);
        assertThat(r.version()).contains("6.7.0-rc4-00123-gabcdef");
        assertThat(r.arch()).isEqualTo(Arch.ARM64);
        assertThat(r.details()).containsEntry("git_describe", "v6.7-rc4-123-gabcdef").containsEntry("status", "PASS")
                .containsEntry("artifact.kernel", "Image.gz");
    }

    @Test
    void otherJsonAndTextAreUnknown() {
        assertThat(inspect(SyntheticImages.ascii("{\"a\": 1}")).reason()).contains("JSON document of no known shape");
        assertThat(inspect(SyntheticImages.ascii("{\"a\": ")).kind()).isEqualTo(ArtifactKind.UNKNOWN);
        assertThat(inspect(SyntheticImages.ascii("hello world\nthis is prose\n")).reason()).contains("text of no known kind");
        assertThat(inspect(new byte[0]).reason()).contains("empty");
    }

    // ---- archives and file systems ----

    @Test
    void modulesTarballGivesReleaseAndArchFromTheFirstModule() {
        byte[] ko = SyntheticImages.elf(183, true, false, 1, SyntheticImages.filler(2000, 3));
        byte[] tar = SyntheticImages.tar("./lib/", new byte[0], "./lib/modules/", new byte[0],
                "./lib/modules/6.6.52-yocto-standard/", new byte[0],
                "./lib/modules/6.6.52-yocto-standard/modules.dep", SyntheticImages.ascii("x.ko:\n"),
                "./lib/modules/6.6.52-yocto-standard/kernel/drivers/x.ko", ko);
        ArtifactReport r = inspect(SyntheticImages.xz(tar));

        assertThat(r.kind()).isEqualTo(ArtifactKind.MODULES);
        assertThat(r.format()).isEqualTo(ImageFormat.TAR);
        assertThat(r.compression()).isEqualTo(Compression.XZ);
        assertThat(r.version()).contains("6.6.52-yocto-standard");
        assertThat(r.arch()).isEqualTo(Arch.ARM64);
    }

    @Test
    void dtbTarballCollectsBoardCompatibles() {
        byte[] tar = SyntheticImages.tar("dtbs/freescale/imx8mp-evk.dtb", SyntheticImages.dtb("EVK", "fsl,imx8mp-evk", "fsl,imx8mp"),
                "dtbs/freescale/imx8mm-evk.dtb", SyntheticImages.dtb("EVK2", "fsl,imx8mm-evk", "fsl,imx8mm"));
        ArtifactReport r = inspect(SyntheticImages.gzip(tar));

        assertThat(r.kind()).isEqualTo(ArtifactKind.DTB);
        assertThat(r.compatible()).containsExactly("fsl,imx8mp-evk", "fsl,imx8mm-evk");
    }

    @Test
    void rootfsTarballIsRootfs() {
        byte[] tar = SyntheticImages.tar("./", new byte[0], "./bin/", new byte[0], "./bin/sh", SyntheticImages.ascii("#!"),
                "./etc/", new byte[0], "./etc/os-release", SyntheticImages.ascii("ID=poky\nVERSION_ID=\"5.0.4\"\n"),
                "./usr/", new byte[0]);
        ArtifactReport r = inspect(SyntheticImages.zstd(tar));

        assertThat(r.kind()).isEqualTo(ArtifactKind.ROOTFS);
        assertThat(r.compression()).isEqualTo(Compression.ZSTD);
        assertThat(r.details()).containsEntry("os.id", "poky").containsEntry("os.versionId", "5.0.4");
    }

    @Test
    void truncatedModulesTarballIsUnknown() {
        byte[] tar = SyntheticImages.tar("lib/modules/6.6.0/kernel/a.ko", SyntheticImages.filler(100_000, 4));
        ArtifactReport r = inspect(Arrays.copyOf(tar, 40_000));

        assertThat(r.kind()).isEqualTo(ArtifactKind.UNKNOWN);
        assertThat(r.reason()).hasValueSatisfying(s -> assertThat(s).contains("corrupt tar"));
    }

    @Test
    void extAndDiskImagesAreRootfs() {
        byte[] ext4 = new byte[64 * 1024];
        ext4[0x438] = 0x53;
        ext4[0x439] = (byte) 0xEF;
        ext4[0x460] = 0x40;
        ext4[0x404] = 64;
        System.arraycopy(SyntheticImages.ascii("rootfs"), 0, ext4, 0x478, 6);
        ArtifactReport r = inspect(ext4);
        assertThat(r.kind()).isEqualTo(ArtifactKind.ROOTFS);
        assertThat(r.format()).isEqualTo(ImageFormat.EXTFS);
        assertThat(r.details()).containsEntry("filesystem", "ext4").containsEntry("label", "rootfs");

        byte[] wic = new byte[4096];
        wic[0x1FE] = 0x55;
        wic[0x1FF] = (byte) 0xAA;
        wic[0x1BE + 4] = 0x0C;
        wic[0x1BE + 8] = 0x08;
        wic[0x1BE + 12] = 0x10;
        ArtifactReport disk = inspect(wic);
        assertThat(disk.format()).isEqualTo(ImageFormat.DISK_IMAGE);
        assertThat(disk.details()).containsEntry("partitions", "1");
    }

    // ---- files ----

    @Test
    void inspectingAFileReportsItsPathSizeAndSha256(@TempDir Path dir) throws Exception {
        byte[] bytes = SyntheticImages.bzImage(RELEASE, true, Compression.GZIP, true);
        Path file = dir.resolve("vmlinuz-" + RELEASE);
        Files.write(file, bytes);

        ArtifactReport r = inspector.inspect(file);

        assertThat(r.path()).isEqualTo(file.toString());
        assertThat(r.sizeBytes()).isEqualTo(bytes.length);
        assertThat(r.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertThat(r.toJson().get("kind").asText()).isEqualTo("kernel_image");
        assertThat(r.toJson().get("format").asText()).isEqualTo("bzImage");
        assertThat(r.toJson().get("version").asText()).isEqualTo(RELEASE);
    }

    @Test
    void nameDoesNotDecideTheKind(@TempDir Path dir) throws IOException {
        Path fake = dir.resolve("bzImage");
        Files.writeString(fake, "not a kernel at all\n");

        assertThat(inspector.inspect(fake).kind()).isEqualTo(ArtifactKind.UNKNOWN);
    }
}
