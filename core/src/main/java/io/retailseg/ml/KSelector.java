package io.retailseg.ml;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Chooses the number of segments. Each candidate k is clustered with {@link KMeans} (same seed for
 * every k, so a fixed {@code --k} reproduces the automatic search's clustering of that k) and scored
 * by inertia and mean silhouette.
 *
 * <p>Rule: the k with the highest mean silhouette (Rousseeuw 1987); k values whose silhouette is
 * within a tolerance of the best are taken as equally good and the smallest of them wins, since
 * fewer segments are easier to act on. The elbow of the inertia curve is located with Kneedle
 * (Satopaa et al. 2011) and reported beside it, as the reference analysis reads both plots.
 *
 * <p>Above {@link Settings#silhouetteSampleSize()} rows the silhouettes are estimated on one seeded
 * sample of that many rows, the same for every k ({@link SampledSilhouette}); each candidate carries
 * its standard error. k-means itself always runs on all rows (it is linear in them).
 */
public final class KSelector {
    /** What a clustering run needs besides k. */
    public record Settings(int restarts, int maxIterations, double tolerance, long seed, int threads,
                           double silhouetteTolerance, int silhouetteSampleSize, long silhouetteSeed) {
        /** Settings with an exact silhouette whatever the number of rows. */
        public Settings(int restarts, int maxIterations, double tolerance, long seed, int threads,
                        double silhouetteTolerance) {
            this(restarts, maxIterations, tolerance, seed, threads, silhouetteTolerance, Integer.MAX_VALUE, 0L);
        }
    }

    /** The choice and the clustering of the chosen k. */
    public record Outcome(KSelection selection, KMeansResult clustering) {
    }

    private KSelector() {
    }

    /** Clusters with a k fixed by the user. */
    public static Outcome fixed(double[][] x, int k, Settings s) {
        KMeansResult r = KMeans.fit(x, k, s.restarts(), s.maxIterations(), s.tolerance(), s.seed(), s.threads());
        SampledSilhouette silhouette = SampledSilhouette.of(x, s.silhouetteSampleSize(), s.silhouetteSeed());
        KCandidate candidate = KCandidate.of(k, r.inertia(), silhouette.score(r.labels(), k, s.threads()));
        KSelection selection = new KSelection(List.of(candidate), k,
                OptionalInt.empty(), "fixed by the user (--k)", "k=" + k + " was given with --k");
        return new Outcome(selection, r);
    }

    /** Tries every k in {@code kMin..kMax} and picks one by the rule above. */
    public static Outcome choose(double[][] x, int kMin, int kMax, Settings s) {
        return choose(x, kMin, kMax, s, io.retailseg.domain.WorkProgress.NONE);
    }

    /**
     * As {@link #choose(double[][], int, int, Settings)}, telling {@code progress} after each k's k-means (k values
     * done, of all); the silhouettes of every k are scored after the last ({@link SampledSilhouette#scoreAll}).
     */
    public static Outcome choose(double[][] x, int kMin, int kMax, Settings s, io.retailseg.domain.WorkProgress progress) {
        List<KCandidate> candidates = new ArrayList<>();
        List<KMeansResult> results = new ArrayList<>();
        SampledSilhouette silhouette = SampledSilhouette.of(x, s.silhouetteSampleSize(), s.silhouetteSeed());
        int count = kMax - kMin + 1;
        int[][] labels = new int[count][];
        int[] ks = new int[count];
        for (int k = kMin; k <= kMax; k++) {
            KMeansResult r = KMeans.fit(x, k, s.restarts(), s.maxIterations(), s.tolerance(), s.seed(), s.threads());
            results.add(r);
            labels[k - kMin] = r.labels();
            ks[k - kMin] = k;
            progress.done(k - kMin + 1, count);
        }
        // every k's silhouette at once: exact ones share one pass over the pair distances (same values)
        SampledSilhouette.Estimate[] silhouettes = silhouette.scoreAll(labels, ks, s.threads());
        for (int i = 0; i < count; i++) {
            candidates.add(KCandidate.of(ks[i], results.get(i).inertia(), silhouettes[i]));
        }
        KSelection selection = select(candidates, kMin, kMax, s.silhouetteTolerance());
        return new Outcome(selection, results.get(selection.chosenK() - kMin));
    }

    /**
     * The rule of {@link #choose}, on candidates for every k in {@code kMin..kMax} in order (for an engine
     * that clusters elsewhere, e.g. Spark's): the highest silhouette, the smallest k within
     * {@code silhouetteTolerance} of it winning ties.
     */
    public static KSelection select(List<KCandidate> candidates, int kMin, int kMax, double silhouetteTolerance) {
        int best = 0;
        for (int i = 1; i < candidates.size(); i++) {
            if (candidates.get(i).silhouette() > candidates.get(best).silhouette()) {
                best = i;
            }
        }
        double bestSilhouette = candidates.get(best).silhouette();
        int chosen = best;
        for (int i = 0; i < best; i++) {
            if (candidates.get(i).silhouette() >= bestSilhouette - silhouetteTolerance) {
                chosen = i;
                break;
            }
        }
        OptionalInt elbow = elbow(candidates);
        KCandidate c = candidates.get(chosen);
        String rule = String.format(Locale.ROOT,
                "highest mean silhouette over k=%d..%d; k within %.3f of the best count as ties and the smallest"
                        + " of them wins", kMin, kMax, silhouetteTolerance);
        StringBuilder reason = new StringBuilder();
        if (chosen == best) {
            reason.append(String.format(Locale.ROOT, "k=%d has the highest mean silhouette (%.4f) of k=%d..%d",
                    c.k(), c.silhouette(), kMin, kMax));
        } else {
            reason.append(String.format(Locale.ROOT,
                    "k=%d has a mean silhouette of %.4f, within %.3f of the best (k=%d, %.4f), and is the smaller",
                    c.k(), c.silhouette(), silhouetteTolerance, candidates.get(best).k(), bestSilhouette));
        }
        elbow.ifPresent(e -> reason.append(String.format(Locale.ROOT, "; the inertia curve's elbow is at k=%d", e)));
        return new KSelection(candidates, c.k(), elbow, rule, reason.toString());
    }

    /**
     * Kneedle: with k and inertia scaled to [0, 1], the k whose point lies furthest below the
     * straight line from the first to the last candidate.
     */
    static OptionalInt elbow(List<KCandidate> candidates) {
        int n = candidates.size();
        if (n < 3) {
            return OptionalInt.empty();
        }
        double k0 = candidates.get(0).k();
        double k1 = candidates.get(n - 1).k();
        double max = candidates.get(0).inertia();
        double min = candidates.get(n - 1).inertia();
        if (!(max > min)) {
            return OptionalInt.empty();
        }
        int best = -1;
        double bestGap = 0;
        for (KCandidate c : candidates) {
            double x = (c.k() - k0) / (k1 - k0);
            double y = (c.inertia() - min) / (max - min);
            double gap = (1 - x) - y;
            if (gap > bestGap) {
                bestGap = gap;
                best = c.k();
            }
        }
        return best < 0 ? OptionalInt.empty() : OptionalInt.of(best);
    }
}
