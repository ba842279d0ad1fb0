package io.cikit.core.build;

/** What a build produced, as far as testing goes. */
public enum BuildType {
    KERNEL,
    BSP,
    MODULE,
    FULL_SYSTEM,
    /** Not said, or a word cikit does not know. */
    OTHER
}
