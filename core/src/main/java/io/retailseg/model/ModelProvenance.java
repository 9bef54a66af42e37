package io.retailseg.model;

import io.retailseg.config.RunSettings;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a model came from, typed: the version that fitted it, every setting that decides its numbers,
 * the input's identity, the seed each component drew (by name, see {@link io.retailseg.config.Seeds})
 * and, when the run was matched to a previous model, how its segments were paired.
 */
public record ModelProvenance(String retailsegVersion, RunSettings config, InputIdentity input,
                              Map<String, Long> seeds,
                              Optional<Matching> segmentMatching) {
    public ModelProvenance {
        seeds = java.util.Collections.unmodifiableMap(new TreeMap<>(seeds));
        segmentMatching = segmentMatching == null ? Optional.empty() : segmentMatching;
    }

    /**
     * How a run's segments were paired with a previous model's segments.
     *
     * @param previousSource the previous model's input
     * @param previousReferenceDay its reference day
     * @param previousK its number of segments
     * @param distance what the distances are
     * @param segments one pair per segment of this run, by its id
     */
    public record Matching(String previousSource, String previousReferenceDay, int previousK, String distance,
                           java.util.List<Pair> segments) {
        public Matching {
            segments = java.util.List.copyOf(segments);
        }
    }

    /**
     * @param id the segment's id in this run
     * @param previousId its partner's id in the previous model, -1 when it has none
     * @param distance the centroid distance to the partner, NaN when it has none
     */
    public record Pair(int id, int previousId, double distance) {
    }

    /** The version of retailseg running now (from the build), {@code dev} when unknown. */
    public static String currentVersion() {
        try (var in = ModelProvenance.class.getResourceAsStream("/io/retailseg/version.properties")) {
            if (in == null) {
                return "dev";
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (java.io.IOException e) {
            return "dev";
        }
    }
}
