package io.cikit.core.regression.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EnergySplitTest {

    @Test
    void theEnergyStatisticMatchesHandComputedValues() {
        // [1,1,1,9×7]: Q(3) = 21/10 · 2·168/21 = 33.6; Q(2) = Q(4) = 19.2 (worked out by hand from the definition)
        double[] z = {1, 1, 1, 9, 9, 9, 9, 9, 9, 9};

        double[] q = EnergySplit.profile(z, 0, z.length);

        assertThat(q[3]).isCloseTo(33.6, within(1e-12));
        assertThat(q[2]).isCloseTo(19.2, within(1e-12));
        assertThat(q[4]).isCloseTo(19.2, within(1e-12));
        assertThat(EnergySplit.best(z, 0, z.length, 3)).isEqualTo(3);
    }

    @Test
    void aSegmentWithoutSpreadOrTooShortHasNoSplit() {
        assertThat(EnergySplit.best(new double[] {4, 4, 4, 4, 4, 4, 4}, 0, 7, 3)).isEqualTo(-1);
        assertThat(EnergySplit.best(new double[] {1, 2, 3, 4, 5}, 0, 5, 3)).isEqualTo(-1);
    }

    @Test
    void subSegmentsAreAnalysedInPlace() {
        double[] z = {50, 50, 0, 0, 0, 0, 7, 7, 7, 7, 50};

        assertThat(EnergySplit.best(z, 2, 10, 2)).isEqualTo(6);
    }

    @Test
    void theRobustTestDismissesALoneOutlierButNotAStep() {
        double[] outlier = new double[40];
        double[] step = new double[40];
        for (int i = 0; i < 40; i++) {
            double noise = ((i * 7919) % 13 - 6) / 600.0;
            outlier[i] = noise;
            step[i] = noise + (i >= 20 ? 1 : 0);
        }
        outlier[20] = 5;

        // three points after the split, one of them the outlier: the shift rests on that single point
        assertThat(SegmentTest.pValue(outlier, 0, 20, 23)).isGreaterThan(0.01);
        assertThat(SegmentTest.pValue(step, 0, 20, 23)).isLessThan(1e-10);
        assertThat(SegmentTest.pValue(step, 0, 20, 40)).isLessThan(1e-20);
        assertThat(SegmentTest.pValue(new double[] {3, 3, 3, 3}, 0, 2, 4)).isEqualTo(1.0);
        assertThat(SegmentTest.pValue(new double[] {3, 3, 5, 5}, 0, 2, 4)).isZero();
    }
}
