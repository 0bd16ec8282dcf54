package com.careplace.workbench.rules;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Pairs the items of an old and a new version (columns of a table, rule rows), pass by pass from the
 * surest key to the weakest, and tells which pairs changed their relative order.
 */
final class Matching {

    private final int[] newOf;
    private final int[] oldOf;

    Matching(int oldSize, int newSize) {
        newOf = new int[oldSize];
        oldOf = new int[newSize];
        Arrays.fill(newOf, -1);
        Arrays.fill(oldOf, -1);
    }

    /** {@link #byKey(List, Function, List, Function)} with one key for both versions. */
    <T> Matching byKey(List<T> old, List<T> now, Function<T, String> key) {
        return byKey(old, key, now, key);
    }

    /**
     * Pairs items not paired yet whose keys are equal, the k-th old with the k-th new of each key (so
     * duplicates pair in order). A null key keeps an item out of this pass.
     */
    <A, B> Matching byKey(List<A> old, Function<A, String> oldKey, List<B> now, Function<B, String> newKey) {
        Map<String, List<Integer>> waiting = new LinkedHashMap<>();
        for (int i = 0; i < old.size(); i++) {
            String key = newOf[i] < 0 ? oldKey.apply(old.get(i)) : null;
            if (key != null) {
                waiting.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        for (int j = 0; j < now.size(); j++) {
            String key = oldOf[j] < 0 ? newKey.apply(now.get(j)) : null;
            List<Integer> candidates = key == null ? null : waiting.get(key);
            if (candidates != null && !candidates.isEmpty()) {
                int i = candidates.removeFirst();
                newOf[i] = j;
                oldOf[j] = i;
            }
        }
        return this;
    }

    /** The new index paired with old item {@code i}, or -1 when it was removed. */
    int newOf(int i) {
        return newOf[i];
    }

    /** The old index paired with new item {@code j}, or -1 when it was added. */
    int oldOf(int j) {
        return oldOf[j];
    }

    /**
     * Old indices of the pairs that moved: the fewest whose moving turns the old order into the new one
     * (all pairs but a longest common subsequence, from Myers' diff). Items added or removed around
     * the others shift positions without moving anything.
     */
    Set<Integer> moved() {
        List<Integer> oldOrder = new ArrayList<>();
        for (int i = 0; i < newOf.length; i++) {
            if (newOf[i] >= 0) {
                oldOrder.add(i);
            }
        }
        List<Integer> newOrder = new ArrayList<>();
        for (int j = 0; j < oldOf.length; j++) {
            if (oldOf[j] >= 0) {
                newOrder.add(oldOf[j]);
            }
        }
        Set<Integer> moved = new LinkedHashSet<>();
        for (AbstractDelta<Integer> delta : DiffUtils.diff(oldOrder, newOrder).getDeltas()) {
            moved.addAll(delta.getSource().getLines());
        }
        return moved;
    }
}
