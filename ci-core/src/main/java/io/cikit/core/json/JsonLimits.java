package io.cikit.core.json;

/**
 * Bounds applied while reading untrusted JSON, so hostile bodies fail fast instead of exhausting the stack or heap.
 *
 * @param maxNestingDepth deepest array/object nesting accepted (default 128)
 * @param maxStringLength longest string value in characters (default 10 MiB)
 * @param maxNameLength longest property name in characters (default 64 KiB)
 * @param maxNumberLength longest number literal in characters (default 1000)
 */
public record JsonLimits(int maxNestingDepth, int maxStringLength, int maxNameLength, int maxNumberLength) {

    /** The defaults used for webhook bodies and provider replies. */
    public static final JsonLimits DEFAULT = new JsonLimits(128, 10 * 1024 * 1024, 64 * 1024, 1000);

    public JsonLimits {
        if (maxNestingDepth < 1 || maxStringLength < 1 || maxNameLength < 1 || maxNumberLength < 1) {
            throw new IllegalArgumentException("JSON limits must be positive: " + maxNestingDepth + ", " + maxStringLength
                    + ", " + maxNameLength + ", " + maxNumberLength);
        }
    }
}
