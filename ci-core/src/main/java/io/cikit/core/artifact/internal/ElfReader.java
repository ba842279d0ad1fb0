package io.cikit.core.artifact.internal;

import io.cikit.core.artifact.Arch;
import io.cikit.core.artifact.ArtifactKind;
import io.cikit.core.artifact.ArtifactReport;
import io.cikit.core.artifact.Endianness;
import io.cikit.core.artifact.ImageFormat;
import java.io.IOException;
import java.util.Optional;

/**
 * ELF files: {@code e_machine} and the identification bytes give arch, word size and byte order. An executable
 * with the {@code Linux version} banner is a kernel ({@code vmlinux}); a relocatable object with
 * {@code vermagic=} is a kernel module. Any other ELF file keeps its format and arch but no kind.
 */
final class ElfReader {
    private static final int ET_REL = 1;

    private ElfReader() {
    }

    static boolean matches(byte[] h, int n) {
        return Bytes.has(n, 0, 4) && h[0] == 0x7F && h[1] == 'E' && h[2] == 'L' && h[3] == 'F';
    }

    /** Arch and byte order from an ELF header in {@code h}, when it is one. */
    static Optional<ArchAndOrder> identify(byte[] h, int n) {
        if (!matches(h, n) || n < 0x14) {
            return Optional.empty();
        }
        int cls = h[4];
        int data = h[5];
        if ((cls != 1 && cls != 2) || (data != 1 && data != 2) || h[6] != 1) {
            return Optional.empty();
        }
        boolean little = data == 1;
        int machine = little ? Bytes.u16le(h, 0x12) : Bytes.u16be(h, 0x12);
        int type = little ? Bytes.u16le(h, 0x10) : Bytes.u16be(h, 0x10);
        return Optional.of(new ArchAndOrder(arch(machine, cls == 2), little ? Endianness.LITTLE : Endianness.BIG,
                cls == 2 ? 64 : 32, type, machine));
    }

    record ArchAndOrder(Arch arch, Endianness endianness, int bits, int type, int machine) {
    }

    static void read(Inspection ctx, ForwardInput in, ArtifactReport.Builder b, int depth) throws IOException {
        byte[] h = in.head();
        int n = in.headLen();
        if (n < 0x14) {
            b.unknown("truncated ELF header: " + n + " bytes");
            return;
        }
        Optional<ArchAndOrder> id = identify(h, n);
        if (id.isEmpty()) {
            b.unknown("corrupt ELF identification bytes");
            return;
        }
        ArchAndOrder e = id.get();
        b.format(ImageFormat.ELF).arch(e.arch()).endianness(e.endianness())
                .detail("elfClass", Integer.toString(e.bits())).detail("elfType", Integer.toString(e.type()))
                .detail("elfMachine", Integer.toString(e.machine()));
        if (e.type() == ET_REL) {
            Optional<BannerScanner.Banner> vermagic = BannerScanner.vermagic().scan(in.from(0));
            if (vermagic.isPresent()) {
                b.kind(ArtifactKind.MODULES).version(vermagic.get().release()).detail("vermagic", vermagic.get().line());
            } else {
                b.reason("ELF object without vermagic: not a kernel module");
            }
            return;
        }
        if (ctx.findBanner(in.from(0), b)) {
            b.kind(ArtifactKind.KERNEL_IMAGE);
        } else {
            b.reason(ctx.budget.exhausted() && depth > 0 ? "ELF file: no Linux version banner before " + ctx.budgetReason()
                    : "ELF file without a Linux version banner: not a kernel");
        }
    }

    private static Arch arch(int machine, boolean is64) {
        return switch (machine) {
            case 3 -> Arch.I386;
            case 62 -> Arch.X86_64;
            case 40 -> Arch.ARM;
            case 183 -> Arch.ARM64;
            case 243 -> is64 ? Arch.RISCV64 : Arch.RISCV32;
            case 8, 10 -> is64 ? Arch.MIPS64 : Arch.MIPS;
            case 20 -> Arch.POWERPC;
            case 21 -> Arch.POWERPC64;
            case 22 -> Arch.S390;
            case 258 -> is64 ? Arch.LOONGARCH64 : Arch.UNKNOWN;
            case 45, 93 -> Arch.ARC;
            default -> Arch.UNKNOWN;
        };
    }
}
