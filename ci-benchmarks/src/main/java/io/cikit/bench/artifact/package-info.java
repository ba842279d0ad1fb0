/**
 * Artifact benchmarks: {@code artifact scan} over a generated BSP deploy archive (tar.xz) against
 * {@code xz -dc | tar -t} on the same file, in constant memory.
 */
package io.cikit.bench.artifact;
