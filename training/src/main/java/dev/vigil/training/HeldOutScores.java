package dev.vigil.training;

/**
 * Scores of a bundle on frames and wording it was not trained on.
 *
 * @param frames             single-object frames classified
 * @param classificationTop1 fraction whose best-scoring held-out description (among every kind × colour) is theirs
 * @param queries            held-out-worded queries, one per kind × colour present in the frames
 * @param retrievalTop1      fraction of queries whose best frame shows the queried kind in the queried colour
 * @param retrievalTop5      fraction of queries with such a frame among the best five
 */
public record HeldOutScores(int frames, double classificationTop1, int queries, double retrievalTop1,
                            double retrievalTop5) {
}
