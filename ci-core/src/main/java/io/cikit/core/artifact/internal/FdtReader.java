package io.cikit.core.artifact.internal;

import io.cikit.core.artifact.Arch;
import io.cikit.core.artifact.ArtifactKind;
import io.cikit.core.artifact.ArtifactReport;
import io.cikit.core.artifact.Compression;
import io.cikit.core.artifact.FitConfiguration;
import io.cikit.core.artifact.FitImage;
import io.cikit.core.artifact.ImageFormat;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Flattened device trees: plain DTBs (root {@code compatible} and {@code model}) and FIT images ({@code /images}
 * and {@code /configurations}). The structure block is read as a stream, so a FIT holding a 40 MiB kernel costs
 * no more memory than a small DTB: property values are kept only when small, and the large {@code data} values of
 * FIT images are inspected as they pass (which is how a FIT's kernel version and board compatibles are found).
 */
final class FdtReader {
    private static final long MAGIC = 0xD00DFEEDL;
    private static final int BEGIN_NODE = 1;
    private static final int END_NODE = 2;
    private static final int PROP = 3;
    private static final int NOP = 4;
    private static final int END = 9;
    private static final int SMALL_VALUE = 4096;
    private static final int MAX_NESTED = 16;
    private static final int MAX_DEPTH = 64;
    private static final int MAX_NODES = 200_000;
    private static final long MAX_STRINGS = 4L * 1024 * 1024;

    private FdtReader() {
    }

    static boolean matches(byte[] h, int n) {
        return Bytes.has(n, 0, 4) && Bytes.u32be(h, 0) == MAGIC;
    }

    /** A property of an interesting node: its value when small, its size, and what inspecting it found. */
    private record Prop(String node, long nameOff, byte @Nullable [] value, long length,
            ArtifactReport.@Nullable Builder nested) {
    }

    static void read(Inspection ctx, ForwardInput in, ArtifactReport.Builder b, int depth) throws IOException {
        byte[] h = in.head();
        int n = in.headLen();
        if (n < 40) {
            b.unknown("truncated device tree header: " + n + " of 40 bytes");
            return;
        }
        long total = Bytes.u32be(h, 4);
        long offStruct = Bytes.u32be(h, 8);
        long offStrings = Bytes.u32be(h, 12);
        long version = Bytes.u32be(h, 20);
        long lastCompatible = Bytes.u32be(h, 24);
        long sizeStrings = Bytes.u32be(h, 32);
        long sizeStruct = version >= 17 ? Bytes.u32be(h, 36) : total - offStruct;
        String bad = null;
        if (version < 16 || lastCompatible > 17 || lastCompatible > version) {
            bad = "unsupported device tree version " + version + " (last compatible " + lastCompatible + ")";
        } else if (total < 40 || offStruct < 40 || offStruct % 4 != 0 || offStruct >= total || offStrings > total
                || offStrings + sizeStrings > total || offStruct + sizeStruct > total) {
            bad = "device tree header with blocks outside its " + total + " bytes";
        } else if (sizeStrings > MAX_STRINGS) {
            bad = "device tree strings block of " + sizeStrings + " bytes exceeds " + MAX_STRINGS;
        } else if (offStrings < offStruct + sizeStruct && offStrings + sizeStrings > offStruct) {
            bad = "device tree blocks overlap";
        }
        if (bad != null) {
            b.unknown(bad);
            return;
        }
        ctx.expectSize(depth, total, "device tree");
        Structure s = new Structure(ctx, b.build().path(), depth);
        byte[] strings;
        try {
            if (offStrings + sizeStrings <= n) {
                strings = Arrays.copyOfRange(h, (int) offStrings, (int) (offStrings + sizeStrings));
                s.parse(in.from(offStruct), sizeStruct);
            } else if (offStrings < offStruct) {
                strings = readBlock(in.from(offStrings), sizeStrings);
                s.parse(in.from(offStruct), sizeStruct);
            } else {
                s.parse(in.from(offStruct), sizeStruct);
                strings = readBlock(in.from(offStrings), sizeStrings);
            }
        } catch (EOFException e) {
            b.unknown("truncated device tree: " + e.getMessage());
            return;
        } catch (CorruptTree e) {
            b.unknown("corrupt device tree: " + e.getMessage());
            return;
        }
        s.describe(b, strings);
    }

    private static byte[] readBlock(InputStream in, long size) throws IOException {
        byte[] block = new byte[(int) size];
        if (Streams.readUpTo(in, block, 0, block.length) < size) {
            throw new EOFException("strings block cut short");
        }
        return block;
    }

    /** The structure block, read once, remembering what the report needs. */
    private static final class Structure {
        private final Inspection ctx;
        private final String path;
        private final int depth;
        private final List<Prop> props = new ArrayList<>();
        private final List<String> imageNodes = new ArrayList<>();
        private final List<String> configNodes = new ArrayList<>();
        private boolean sawImages;
        private boolean overlay;
        private int nested;
        private long pos;
        private long limit;
        private InputStream in = InputStream.nullInputStream();

        Structure(Inspection ctx, String path, int depth) {
            this.ctx = ctx;
            this.path = path;
            this.depth = depth;
        }

        void parse(InputStream stream, long size) throws IOException {
            this.in = stream;
            this.limit = size;
            Deque<String> stack = new ArrayDeque<>();
            int nodes = 0;
            while (true) {
                long token = u32();
                if (token == BEGIN_NODE) {
                    String name = cstring();
                    if (stack.size() >= MAX_DEPTH || ++nodes > MAX_NODES) {
                        throw new CorruptTree("more than " + MAX_DEPTH + " levels or " + MAX_NODES + " nodes");
                    }
                    stack.push(name);
                    String node = nodePath(stack);
                    if (stack.size() == 2 && name.equals("images")) {
                        sawImages = true;
                    }
                    if (stack.size() == 2 && (name.equals("__fixups__") || name.startsWith("fragment@"))) {
                        overlay = true;
                    }
                    if (stack.size() == 3 && parent(stack).equals("images")) {
                        imageNodes.add(node);
                    } else if (stack.size() == 3 && parent(stack).equals("configurations")) {
                        configNodes.add(node);
                    }
                } else if (token == END_NODE) {
                    if (stack.isEmpty()) {
                        throw new CorruptTree("END_NODE without a node");
                    }
                    stack.pop();
                } else if (token == PROP) {
                    if (stack.isEmpty()) {
                        throw new CorruptTree("property outside any node");
                    }
                    long len = u32();
                    long nameOff = u32();
                    if (len > limit - pos) {
                        throw new CorruptTree("property of " + len + " bytes runs past the structure block");
                    }
                    property(stack, len, nameOff);
                    align();
                } else if (token == NOP) {
                    continue;
                } else if (token == END) {
                    if (!stack.isEmpty()) {
                        throw new CorruptTree("END with " + stack.size() + " nodes open");
                    }
                    return;
                } else {
                    throw new CorruptTree("unknown token 0x" + Long.toHexString(token) + " at structure offset " + (pos - 4));
                }
            }
        }

        private void property(Deque<String> stack, long len, long nameOff) throws IOException {
            String node = nodePath(stack);
            int level = stack.size();
            boolean root = level == 1;
            boolean image = level == 3 && parent(stack).equals("images");
            boolean configs = level == 2 && stack.peek().equals("configurations");
            boolean config = level == 3 && parent(stack).equals("configurations");
            if (!(root || image || configs || config)) {
                skip(len);
                return;
            }
            if (len <= SMALL_VALUE) {
                byte[] v = new byte[(int) len];
                readFully(v);
                ArtifactReport.Builder inner = null;
                if (image && len >= 64 && nested < MAX_NESTED && FdtReader.matches(v, v.length)) {
                    // a small embedded device tree
                    nested++;
                    inner = ctx.payload(Compression.NONE, new java.io.ByteArrayInputStream(v), path + ":" + node, depth);
                }
                props.add(new Prop(node, nameOff, v, len, inner));
            } else if (image && nested < MAX_NESTED) {
                nested++;
                long start = pos;
                ArtifactReport.Builder inner = ctx.payload(Compression.NONE, Streams.limit(counted(), len),
                        path + ":" + node, depth);
                skip(len - (pos - start));
                props.add(new Prop(node, nameOff, null, len, inner));
            } else {
                skip(len);
                props.add(new Prop(node, nameOff, null, len, null));
            }
        }

        void describe(ArtifactReport.Builder b, byte[] strings) {
            Map<String, Map<String, Prop>> byNode = new LinkedHashMap<>();
            for (Prop p : props) {
                String name = Bytes.cstring(strings, strings.length, (int) Math.min(p.nameOff(), Integer.MAX_VALUE), 256);
                if (name != null && p.nameOff() < strings.length) {
                    byNode.computeIfAbsent(p.node(), k -> new LinkedHashMap<>()).putIfAbsent(name, p);
                }
            }
            Map<String, Prop> root = byNode.getOrDefault("/", Map.of());
            List<String> rootCompatible = stringList(root.get("compatible"));
            Optional<String> rootModel = string(root.get("model"));
            if (!sawImages) {
                b.kind(ArtifactKind.DTB).format(ImageFormat.DTB).compatible(rootCompatible).model(rootModel.orElse(null));
                if (overlay) {
                    b.detail("overlay", "true");
                }
                return;
            }
            Optional<String> defaultConfig = string(byNode.getOrDefault("/configurations", Map.of()).get("default"));
            List<FitImage> images = new ArrayList<>();
            Map<String, Map<String, Prop>> imagesByName = new LinkedHashMap<>();
            for (String node : imageNodes) {
                Map<String, Prop> p = byNode.getOrDefault(node, Map.of());
                String name = node.substring(node.lastIndexOf('/') + 1);
                imagesByName.put(name, p);
                Prop data = p.get("data");
                OptionalLong size = data != null ? OptionalLong.of(data.length()) : cell(p.get("data-size"));
                images.add(new FitImage(name, string(p.get("description")), string(p.get("type")), string(p.get("arch")),
                        string(p.get("os")), string(p.get("compression")), size));
            }
            List<FitConfiguration> configs = new ArrayList<>();
            Set<String> compatible = new LinkedHashSet<>(rootCompatible);
            for (String node : configNodes) {
                Map<String, Prop> p = byNode.getOrDefault(node, Map.of());
                String name = node.substring(node.lastIndexOf('/') + 1);
                List<String> confCompatible = stringList(p.get("compatible"));
                compatible.addAll(confCompatible);
                configs.add(new FitConfiguration(name, string(p.get("description")), string(p.get("kernel")),
                        stringList(p.get("fdt")), string(p.get("ramdisk")), confCompatible,
                        defaultConfig.map(name::equals).orElse(false)));
            }
            b.kind(ArtifactKind.FIT).format(ImageFormat.FIT).fitImages(images).fitConfigurations(configs);
            defaultConfig.ifPresent(d -> b.detail("defaultConfiguration", d));
            String model = rootModel.orElse(null);
            for (Map<String, Prop> p : imagesByName.values()) {
                Prop data = p.get("data");
                if (string(p.get("type")).filter("flat_dt"::equals).isPresent() && data != null && data.nested() != null) {
                    compatible.addAll(data.nested().compatible());
                    if (model == null) {
                        model = data.nested().model().orElse(null);
                    }
                }
            }
            b.compatible(List.copyOf(compatible)).model(model);
            Optional<String> kernelName = configs.stream().filter(FitConfiguration::isDefault).findFirst()
                    .flatMap(FitConfiguration::kernel)
                    .or(() -> images.stream().filter(i -> i.type().filter(t -> t.startsWith("kernel")).isPresent())
                            .findFirst().map(FitImage::name));
            if (kernelName.isEmpty() || !imagesByName.containsKey(kernelName.get())) {
                return;
            }
            Map<String, Prop> kernel = imagesByName.get(kernelName.get());
            b.detail("kernelImage", kernelName.get());
            b.arch(string(kernel.get("arch")).map(Arch::fromName).orElse(Arch.UNKNOWN));
            b.payloadCompression(string(kernel.get("compression")).map(Compression::fromName).orElse(Compression.NONE));
            Prop data = kernel.get("data");
            if (data != null && data.nested() != null) {
                ArtifactReport.Builder inner = data.nested();
                Inspection.mergeKernelFacts(b, inner);
            } else if (data == null) {
                b.detail("externalData", "true");
            }
        }

        private static String parent(Deque<String> stack) {
            var it = stack.iterator();
            it.next();
            return it.next();
        }

        private static String nodePath(Deque<String> stack) {
            if (stack.size() <= 1) {
                return "/";
            }
            StringBuilder sb = new StringBuilder();
            var it = stack.descendingIterator();
            it.next();
            while (it.hasNext()) {
                sb.append('/').append(it.next());
            }
            return sb.toString();
        }

        private InputStream counted() {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    int c = in.read();
                    if (c >= 0) {
                        pos++;
                    }
                    return c;
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    int r = in.read(buf, off, len);
                    if (r > 0) {
                        pos += r;
                    }
                    return r;
                }
            };
        }

        private long u32() throws IOException {
            byte[] b = new byte[4];
            readFully(b);
            return Bytes.u32be(b, 0);
        }

        private void readFully(byte[] b) throws IOException {
            if (pos + b.length > limit) {
                throw new CorruptTree("read past the end of the structure block");
            }
            int r = Streams.readUpTo(in, b, 0, b.length);
            pos += r;
            if (r < b.length) {
                throw new EOFException("structure block cut short at offset " + pos);
            }
        }

        private void skip(long len) throws IOException {
            long r = Streams.skipFully(in, len);
            pos += r;
            if (r < len) {
                throw new EOFException("structure block cut short at offset " + pos);
            }
        }

        private void align() throws IOException {
            long pad = (4 - (pos & 3)) & 3;
            skip(pad);
        }

        private String cstring() throws IOException {
            StringBuilder sb = new StringBuilder();
            byte[] one = new byte[1];
            while (true) {
                readFully(one);
                if (one[0] == 0) {
                    break;
                }
                if (sb.length() >= 1024) {
                    throw new CorruptTree("node name longer than 1024 bytes");
                }
                sb.append((char) (one[0] & 0xFF));
            }
            align();
            return sb.toString();
        }
    }

    private static Optional<String> string(@Nullable Prop p) {
        List<String> l = stringList(p);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** A NUL-separated string list value; empty when absent or not printable text. */
    private static List<String> stringList(@Nullable Prop p) {
        if (p == null || p.value() == null || p.value().length == 0 || p.value()[p.value().length - 1] != 0) {
            return List.of();
        }
        byte[] v = p.value();
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < v.length; i++) {
            if (v[i] == 0) {
                if (i > start) {
                    out.add(new String(v, start, i - start, StandardCharsets.ISO_8859_1));
                }
                start = i + 1;
            } else if ((v[i] & 0xFF) < 0x20 || (v[i] & 0xFF) > 0x7E) {
                return List.of();
            }
        }
        return List.copyOf(out);
    }

    private static OptionalLong cell(@Nullable Prop p) {
        return p != null && p.value() != null && p.value().length == 4 ? OptionalLong.of(Bytes.u32be(p.value(), 0))
                : OptionalLong.empty();
    }

    /** The structure block breaks the format's rules. */
    private static final class CorruptTree extends IOException {
        private static final long serialVersionUID = 1L;

        CorruptTree(String message) {
            super(message);
        }
    }
}
