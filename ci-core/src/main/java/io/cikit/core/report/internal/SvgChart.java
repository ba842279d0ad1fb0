package io.cikit.core.report.internal;

import java.util.List;
import java.util.Locale;

/** A small inline SVG line chart of a metric's trend, the last point (the current run) marked. Stateless. */
final class SvgChart {
    private static final int WIDTH = 480;
    private static final int HEIGHT = 180;
    private static final int LEFT = 60;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 28;

    private SvgChart() {
    }

    static String render(ReportFacts.Trend trend) {
        List<Double> values = trend.values();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (!(max > min)) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.05;
            min -= pad;
            max += pad;
        }
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder points = new StringBuilder();
        double lastX = LEFT;
        double lastY = TOP;
        for (int i = 0; i < values.size(); i++) {
            double x = LEFT + (values.size() == 1 ? plotWidth / 2 : plotWidth * i / (values.size() - 1));
            // scale through the fraction so huge ranges cannot overflow
            double y = TOP + plotHeight * (1 - (values.get(i) / 2 - min / 2) / (max / 2 - min / 2));
            points.append(i > 0 ? " " : "").append(fmt(x)).append(',').append(fmt(y));
            lastX = x;
            lastY = y;
        }
        String title = trend.title() + (trend.unit().isEmpty() ? "" : " (" + trend.unit() + ")");
        String colour = switch (trend.verdict()) {
            case REGRESSION -> "#cf222e";
            case IMPROVEMENT -> "#1a7f37";
            case UNCHANGED -> "#0969da";
        };
        StringBuilder s = new StringBuilder(1024);
        s.append("<figure>\n<svg width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(Text.html(title)).append("\">\n");
        s.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT).append("\" y2=\"")
                .append(HEIGHT - BOTTOM).append("\" stroke=\"#8c959f\"/>\n");
        s.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(HEIGHT - BOTTOM).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y2=\"").append(HEIGHT - BOTTOM).append("\" stroke=\"#8c959f\"/>\n");
        s.append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(TOP + 4)
                .append("\" font-size=\"10\" text-anchor=\"end\">").append(Text.html(Text.number(max))).append("</text>\n");
        s.append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(HEIGHT - BOTTOM)
                .append("\" font-size=\"10\" text-anchor=\"end\">").append(Text.html(Text.number(min))).append("</text>\n");
        List<String> labels = trend.labels();
        if (!labels.isEmpty()) {
            s.append("<text x=\"").append(LEFT).append("\" y=\"").append(HEIGHT - 10).append("\" font-size=\"10\">")
                    .append(Text.html(labels.get(0))).append("</text>\n");
            s.append("<text x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(HEIGHT - 10)
                    .append("\" font-size=\"10\" text-anchor=\"end\">").append(Text.html(labels.get(labels.size() - 1)))
                    .append("</text>\n");
        }
        s.append("<polyline fill=\"none\" stroke=\"#0969da\" stroke-width=\"1.5\" points=\"").append(points).append("\"/>\n");
        s.append("<circle cx=\"").append(fmt(lastX)).append("\" cy=\"").append(fmt(lastY)).append("\" r=\"4\" fill=\"")
                .append(colour).append("\"/>\n");
        s.append("</svg>\n<figcaption>").append(Text.html(title)).append("</figcaption>\n</figure>\n");
        return s.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
