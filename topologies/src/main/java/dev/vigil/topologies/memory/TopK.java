package dev.vigil.topologies.memory;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The one top-k merge of similarity answers: partitions' answers on one instance ({@link MemoryQueries#similarLocal})
 * and instances' answers in the query API. Each answer is already its own top k; the overall top k is the best
 * {@code k} of their union, best score first, ties broken by camera and then start so every instance merges to
 * the same list.
 */
public final class TopK {
    private TopK() {
    }

    /**
     * @param answers the answers to merge, each a top-k list
     * @param k       how many to keep
     * @param score   an item's similarity (higher is better)
     * @param camera  an item's camera id
     * @param start   an item's start, epoch millis
     */
    public static <T> List<T> merge(Collection<? extends List<T>> answers, int k, ToDoubleFunction<T> score,
                                    Function<T, String> camera, ToLongFunction<T> start) {
        Comparator<T> bestFirst = Comparator.comparingDouble(score).reversed()
                .thenComparing(camera).thenComparingLong(start);
        return answers.stream().flatMap(List::stream).sorted(bestFirst).limit(k).toList();
    }
}
