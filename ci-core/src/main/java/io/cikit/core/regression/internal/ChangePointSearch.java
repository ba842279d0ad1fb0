package io.cikit.core.regression.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Windowed E-divisive change-point search with a corrected significance test, after Apache Otava's design, with
 * its known faults addressed.
 *
 * <ol>
 *   <li><b>Normalise</b> the series to z = (x − x₀)/max|x − x₀|, so adding a constant or scaling by a positive
 *       factor leaves every later computation unchanged (bit for bit when the arithmetic is exact, as for integer
 *       data).</li>
 *   <li><b>Weak pass</b>: windows of {@code window} points stepping {@code window/2}, then windows of half that size
 *       stepping an eighth of {@code window}, so a shift lasting only ~10 points inside one long window, which a
 *       binary split cannot isolate, is seen from each of its edges. In each window, hierarchical E-divisive: split at the energy maximum, keep
 *       the split when its robust t-test p-value, Šidák-corrected for the number of positions that could have been
 *       chosen, is at most 10·p; recurse into both parts.</li>
 *   <li><b>Merge</b>: test every candidate against its neighbours' segments (corrected for the positions between
 *       them) and remove the weakest failing one — too-short segment first, then too small a magnitude, then the
 *       largest p-value — until all pass at p.</li>
 *   <li><b>Relocate</b> each survivor to the energy maximum between its neighbours (within half a window), dropping
 *       it when that maximum says the shift is shorter than {@code minSegment}; then merge once more.</li>
 * </ol>
 *
 * <p>Cost is O(N·window) for the passes plus O(K·N) for merging K candidates. Deterministic: no randomness, ties
 * go to the earliest index. Immutable and thread-safe.
 */
public final class ChangePointSearch {

    /**
     * A change point as found: its index (the first point after the change), its corrected p-value, and the means of
     * the segments on either side in the units of the input.
     */
    public record Split(int index, double pValue, double meanBefore, double meanAfter) {
    }

    private final int window;
    private final double pValue;
    private final int minSegment;
    private final double minMagnitude;

    public ChangePointSearch(int window, double pValue, int minSegment, double minMagnitude) {
        this.window = window;
        this.pValue = pValue;
        this.minSegment = minSegment;
        this.minMagnitude = minMagnitude;
    }

    /** Change points of {@code x} (finite values, small enough that differences do not overflow), ascending. */
    public List<Split> run(double[] x) {
        if (x.length == 0) {
            return List.of();
        }
        double ref = x[0];
        double range = 0;
        for (double v : x) {
            range = Math.max(range, Math.abs(v - ref));
        }
        if (range == 0) {
            return List.of();
        }
        Normalised s = new Normalised(new double[x.length], ref, range);
        for (int i = 0; i < x.length; i++) {
            s.z[i] = (x[i] - ref) / range;
        }
        BitSet candidates = weakPass(s.z);
        List<Integer> cps = new ArrayList<>();
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            cps.add(i);
        }
        cps = merge(s, cps);
        cps = merge(s, relocate(s.z, cps));
        List<Split> out = new ArrayList<>(cps.size());
        for (int i = 0; i < cps.size(); i++) {
            int c = cps.get(i);
            int lo = i == 0 ? 0 : cps.get(i - 1);
            int hi = i == cps.size() - 1 ? x.length : cps.get(i + 1);
            out.add(new Split(c, score(s, cps, i).adjusted, s.mean(lo, c), s.mean(c, hi)));
        }
        return List.copyOf(out);
    }

    /** The series as z = (x − ref)/range, |z| ≤ 1, with what it takes to get back to x. */
    private record Normalised(double[] z, double ref, double range) {
        /** Mean of x over [lo, hi), computed through z so the sum cannot overflow. */
        double mean(int lo, int hi) {
            double sum = 0;
            for (int i = lo; i < hi; i++) {
                sum += z[i];
            }
            return ref + range * (sum / (hi - lo));
        }
    }

    private BitSet weakPass(double[] z) {
        BitSet found = new BitSet(z.length);
        weakPass(z, window, Math.max(1, window / 2), found);
        int small = window / 2;
        if (small >= 4 * minSegment) {
            // stride small/4: every shift of at least small/4 + minSegment points has each edge inside some window
            // that does not also hold the other edge
            weakPass(z, small, Math.max(1, small / 4), found);
        }
        return found;
    }

    private void weakPass(double[] z, int window, int step, BitSet found) {
        int n = z.length;
        double weak = Math.min(1, 10 * pValue);
        ArrayDeque<int[]> work = new ArrayDeque<>();
        for (int start = 0; ; start += step) {
            int end = Math.min(start + window, n);
            work.push(new int[] {start, end});
            while (!work.isEmpty()) {
                int[] seg = work.pop();
                int tau = EnergySplit.best(z, seg[0], seg[1], minSegment);
                if (tau < 0) {
                    continue;
                }
                double raw = SegmentTest.pValue(z, seg[0], tau, seg[1], weak);
                double p = StudentT.sidak(raw, positions(seg[0], seg[1]));
                if (p <= weak) {
                    found.set(tau);
                    work.push(new int[] {tau, seg[1]});
                    work.push(new int[] {seg[0], tau});
                }
            }
            if (end >= n) {
                return;
            }
        }
    }

    private List<Integer> merge(Normalised s, List<Integer> initial) {
        List<Integer> cps = new ArrayList<>(initial);
        List<Score> scores = new ArrayList<>(cps.size());
        for (int i = 0; i < cps.size(); i++) {
            scores.add(score(s, cps, i));
        }
        while (true) {
            int weakest = -1;
            for (int i = 0; i < cps.size(); i++) {
                Score candidate = scores.get(i);
                if (candidate.failing(pValue) && (weakest < 0 || candidate.weakerThan(scores.get(weakest)))) {
                    weakest = i;
                }
            }
            if (weakest < 0) {
                return cps;
            }
            cps.remove(weakest);
            scores.remove(weakest);
            if (weakest > 0) {
                scores.set(weakest - 1, score(s, cps, weakest - 1));
            }
            if (weakest < cps.size()) {
                scores.set(weakest, score(s, cps, weakest));
            }
        }
    }

    /**
     * Moves each change point to the energy maximum between its neighbours (within half a window), and drops it when
     * the maximum nearby lies where a segment would be shorter than {@code minSegment}: the shift then lasts fewer
     * points than a change needs (typically the last one or two points of the series), and the split found is an
     * artefact of the length limit, one or two points off.
     */
    private List<Integer> relocate(double[] z, List<Integer> initial) {
        List<Integer> cps = new ArrayList<>(initial);
        int half = Math.max(2 * minSegment, window / 2);
        for (int i = 0; i < cps.size(); i++) {
            int lo = i == 0 ? 0 : cps.get(i - 1);
            int hi = i == cps.size() - 1 ? z.length : cps.get(i + 1);
            int c = cps.get(i);
            int from = Math.max(lo, c - half);
            int to = Math.min(hi, c + half);
            if (to - from < 2 * minSegment) {
                continue;
            }
            double[] q = EnergySplit.profile(z, from, to);
            int tau = EnergySplit.argmax(q, from, from + minSegment, to - minSegment);
            if (tau < 0) {
                continue;
            }
            boolean shorter = false;
            for (int t = Math.max(from + 1, tau - minSegment + 1); t <= Math.min(to - 1, tau + minSegment - 1); t++) {
                boolean inadmissible = t - lo < minSegment || hi - t < minSegment;
                shorter |= inadmissible && q[t - from] > q[tau - from];
            }
            if (shorter) {
                cps.remove(i);
                i--;
            } else {
                cps.set(i, tau);
            }
        }
        return cps;
    }

    private Score score(Normalised s, List<Integer> cps, int i) {
        int c = cps.get(i);
        int lo = i == 0 ? 0 : cps.get(i - 1);
        int hi = i == cps.size() - 1 ? s.z.length : cps.get(i + 1);
        boolean tooShort = c - lo < minSegment || hi - c < minSegment;
        double raw = SegmentTest.pValue(s.z, lo, c, hi);
        double adjusted = StudentT.sidak(raw, positions(lo, hi));
        boolean tooSmall = minMagnitude > 0 && relativeChange(s.mean(lo, c), s.mean(c, hi)) < minMagnitude;
        return new Score(c, tooShort, tooSmall, adjusted);
    }

    /** How many split positions a segment offers: the number of tests the best split was chosen from. */
    private int positions(int lo, int hi) {
        return Math.max(1, hi - lo - 2 * minSegment + 1);
    }

    private static double relativeChange(double before, double after) {
        if (before == after) {
            return 0;
        }
        return before == 0 ? Double.POSITIVE_INFINITY : Math.abs(after - before) / Math.abs(before);
    }

    private record Score(int index, boolean tooShort, boolean tooSmall, double adjusted) {
        boolean failing(double threshold) {
            return tooShort || tooSmall || adjusted > threshold;
        }

        boolean weakerThan(Score other) {
            if (tooShort != other.tooShort) {
                return tooShort;
            }
            if (tooSmall != other.tooSmall) {
                return tooSmall;
            }
            return adjusted > other.adjusted;
        }
    }
}
