package io.cikit.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Reads a UTF-8 {@code .properties} file named explicitly by the host, at most {@link CiConfig#MAX_FILE_BYTES}. */
final class PropertiesFile {

    private PropertiesFile() {}

    /** The file's entries, or empty with a problem recorded (missing, unreadable, too large, not UTF-8, malformed). */
    static Optional<Map<String, String>> read(Path file, List<String> problems) {
        String where = "properties file `" + file + "`";
        byte[] bytes;
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                problems.add(where + " is not a regular file");
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(CiConfig.MAX_FILE_BYTES + 1);
            }
        } catch (NoSuchFileException e) {
            problems.add(where + " does not exist");
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            problems.add(where + " cannot be read: " + e.getClass().getSimpleName());
            return Optional.empty();
        }
        if (bytes.length > CiConfig.MAX_FILE_BYTES) {
            problems.add(where + " is larger than " + CiConfig.MAX_FILE_BYTES + " bytes");
            return Optional.empty();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            problems.add(where + " is not valid UTF-8");
            return Optional.empty();
        }
        Properties props = new Properties();
        try {
            props.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            // Properties only complains about \\u escapes; its message quotes no values
            problems.add(where + " is malformed: " + e.getMessage());
            return Optional.empty();
        }
        Map<String, String> out = new HashMap<>();
        for (String name : props.stringPropertyNames()) {
            out.put(name, props.getProperty(name));
        }
        return Optional.of(out);
    }
}
