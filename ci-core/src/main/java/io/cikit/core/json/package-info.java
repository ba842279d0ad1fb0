/** Bounded JSON reading and null-safe field access for provider payloads. */
@NullMarked
package io.cikit.core.json;

import org.jspecify.annotations.NullMarked;
