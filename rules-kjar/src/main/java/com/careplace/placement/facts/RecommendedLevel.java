package com.careplace.placement.facts;

import com.careplace.placement.Dimension;
import com.careplace.placement.LevelOfCare;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Derived: the final recommended level and the dimensions driving it, listed D1 to D6. */
public record RecommendedLevel(LevelOfCare level, List<Dimension> drivingDimensions) {

    public RecommendedLevel {
        drivingDimensions = List.copyOf(drivingDimensions);
    }

    /**
     * Combines the base level with the overrides that apply, as the spec's placement rules say:
     * overrides only raise; the driving dimensions are those whose minimum equals the final level,
     * plus D3 when the final level is the target of an applying override.
     */
    public static RecommendedLevel of(BaseLevel base, Collection<?> overrides, Collection<?> minimums) {
        LevelOfCare level = base.level();
        boolean overrideDecides = false;
        for (Object o : overrides) {
            LevelOfCare target = ((LevelOverride) o).target();
            level = LevelOfCare.higherOf(level, target);
        }
        for (Object o : overrides) {
            overrideDecides |= ((LevelOverride) o).target().equals(level);
        }
        Set<Dimension> drivers = EnumSet.noneOf(Dimension.class);
        // Early intervention (P2) has no driving dimension even though every minimum is 1, never 0.5.
        for (Object o : minimums) {
            DimensionMinimum minimum = (DimensionMinimum) o;
            if (minimum.level().equals(level)) {
                drivers.add(minimum.dimension());
            }
        }
        if (overrideDecides) {
            drivers.add(Dimension.D3);
        }
        return new RecommendedLevel(level, List.copyOf(drivers));
    }
}
