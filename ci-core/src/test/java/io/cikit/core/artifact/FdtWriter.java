package io.cikit.core.artifact;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes flattened device trees (version 17) the way dtc lays them out: header, reserve map, structure, strings. */
final class FdtWriter {
    private final ByteArrayOutputStream struct = new ByteArrayOutputStream();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final Map<String, Integer> stringOffsets = new LinkedHashMap<>();

    FdtWriter begin(String name) {
        u32(1);
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        struct.writeBytes(n);
        struct.write(0);
        pad();
        return this;
    }

    FdtWriter end() {
        u32(2);
        return this;
    }

    FdtWriter prop(String name, byte[] value) {
        u32(3);
        u32(value.length);
        u32(nameOffset(name));
        struct.writeBytes(value);
        pad();
        return this;
    }

    FdtWriter string(String name, String... values) {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        for (String s : values) {
            v.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            v.write(0);
        }
        return prop(name, v.toByteArray());
    }

    FdtWriter cell(String name, long value) {
        return prop(name, ByteBuffer.allocate(4).putInt((int) value).array());
    }

    byte[] finish() {
        u32(9);
        byte[] s = struct.toByteArray();
        byte[] str = strings.toByteArray();
        int offRsv = 40;
        int offStruct = offRsv + 16;
        int offStrings = offStruct + s.length;
        int total = offStrings + str.length;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putInt(0xD00DFEED).putInt(total).putInt(offStruct).putInt(offStrings).putInt(offRsv).putInt(17).putInt(16)
                .putInt(0).putInt(str.length).putInt(s.length);
        b.put(new byte[16]);
        b.put(s).put(str);
        return b.array();
    }

    private int nameOffset(String name) {
        return stringOffsets.computeIfAbsent(name, k -> {
            int off = strings.size();
            strings.writeBytes(k.getBytes(StandardCharsets.US_ASCII));
            strings.write(0);
            return off;
        });
    }

    private void u32(long v) {
        struct.writeBytes(ByteBuffer.allocate(4).putInt((int) v).array());
    }

    private void pad() {
        while (struct.size() % 4 != 0) {
            struct.write(0);
        }
    }
}
