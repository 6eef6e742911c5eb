package dev.esl.gateway.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which panels a simulated dongle's tags have, as shares: {@code 2.13bw:100,2.9bwr:50,4.2bwr:50} gives half
 * the tags a 2.13" black/white panel and a quarter each a 2.9" and a 4.2" black/white/red one. With as many
 * tags as the shares add up to, the counts are exact.
 */
public record PanelMix(List<Share> shares) {

    public record Share(Panel panel, int weight) {
        public Share {
            if (weight < 1) {
                throw new IllegalArgumentException("the share of " + panel.label + " must be at least 1, was " + weight);
            }
        }
    }

    public PanelMix {
        shares = List.copyOf(shares);
        if (shares.isEmpty()) {
            throw new IllegalArgumentException("a panel mix needs at least one panel");
        }
        if (shares.stream().map(Share::panel).distinct().count() < shares.size()) {
            throw new IllegalArgumentException("a panel is named twice in " + shares);
        }
    }

    /** Every panel alike, in the order of {@link Panel}: the default. */
    public static PanelMix even() {
        return new PanelMix(java.util.Arrays.stream(Panel.values()).map(p -> new Share(p, 1)).toList());
    }

    /** Reads {@code label:weight,...}; a label without a weight counts 1. */
    public static PanelMix parse(String text) {
        List<Share> shares = new ArrayList<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] labelAndWeight = part.split(":", -1);
            if (labelAndWeight.length > 2) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not <panel>:<share>");
            }
            int weight;
            try {
                weight = labelAndWeight.length == 2 ? Integer.parseInt(labelAndWeight[1].trim()) : 1;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part.trim() + "': the share must be a whole number");
            }
            shares.add(new Share(Panel.ofLabel(labelAndWeight[0]), weight));
        }
        return new PanelMix(shares);
    }

    /**
     * The panel of each of {@code n} tags. Counts by largest remainder; the order interleaves the panels (each
     * next tag gets the panel furthest behind its share) so that any run of tags is mixed, too.
     */
    public List<Panel> assign(int n) {
        int total = shares.stream().mapToInt(Share::weight).sum();
        int[] counts = new int[shares.size()];
        long[] remainders = new long[shares.size()];
        int given = 0;
        for (int i = 0; i < counts.length; i++) {
            long exact = (long) n * shares.get(i).weight();
            counts[i] = (int) (exact / total);
            remainders[i] = exact % total;
            given += counts[i];
        }
        for (; given < n; given++) {
            int best = 0;
            for (int i = 1; i < counts.length; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            counts[best]++;
            remainders[best] = -1;
        }
        List<Panel> panels = new ArrayList<>(n);
        int[] assigned = new int[counts.length];
        for (int t = 1; t <= n; t++) {
            int best = -1;
            double bestLag = 0;
            for (int i = 0; i < counts.length; i++) {
                double lag = (double) t * counts[i] / n - assigned[i];
                if (assigned[i] < counts[i] && (best < 0 || lag > bestLag)) {
                    best = i;
                    bestLag = lag;
                }
            }
            assigned[best]++;
            panels.add(shares.get(best).panel());
        }
        return panels;
    }

    @Override
    public String toString() {
        return shares.stream().map(s -> s.panel().label + ":" + s.weight()).collect(Collectors.joining(","));
    }
}
