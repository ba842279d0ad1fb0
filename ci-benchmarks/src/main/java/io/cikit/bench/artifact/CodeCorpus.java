package io.cikit.bench.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Real machine code for the generated BSP's uncompressed parts (kernel, ext4 image, rootfs files): the ELF
 * binaries under {@code /usr/bin} and {@code /usr/lib} of the host, read in path order and cycled. A root file
 * system is such files, and they compress (and decompress) like the real thing, where synthetic filler does not.
 * Empty when the host has none; the generator then falls back to synthetic filler.
 */
final class CodeCorpus {
    private final List<Path> files;
    private int next;
    private InputStream current;

    private CodeCorpus(List<Path> files) {
        this.files = files;
    }

    static CodeCorpus ofHost() {
        List<Path> found = new ArrayList<>();
        for (String root : new String[] {"/usr/bin", "/usr/lib"}) {
            Path r = Path.of(root);
            if (!Files.isDirectory(r)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(r, 6)) {
                walk.filter(p -> Files.isRegularFile(p) && !Files.isSymbolicLink(p)).filter(CodeCorpus::isElf)
                        .sorted().forEach(found::add);
            } catch (IOException | RuntimeException e) {
                // an unreadable corner of the host is simply not used
            }
        }
        return new CodeCorpus(found);
    }

    private static boolean isElf(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] m = in.readNBytes(4);
            return m.length == 4 && m[0] == 0x7F && m[1] == 'E' && m[2] == 'L' && m[3] == 'F' && Files.size(p) > 64 * 1024;
        } catch (IOException e) {
            return false;
        }
    }

    boolean isEmpty() {
        return files.isEmpty();
    }

    /** Fills {@code buf} with the next bytes of the corpus. */
    void fill(byte[] buf, int off, int len) throws IOException {
        while (len > 0) {
            if (current == null) {
                current = Files.newInputStream(files.get(next));
                next = (next + 1) % files.size();
            }
            int r = current.read(buf, off, len);
            if (r < 0) {
                current.close();
                current = null;
                continue;
            }
            off += r;
            len -= r;
        }
    }
}
