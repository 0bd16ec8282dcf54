package com.careplace.placement.facts;

import java.util.Locale;

/** Reads the yes/no cells of decision tables, so that a typo fails loudly instead of meaning "no". */
public final class Answer {

    private Answer() {
    }

    public static boolean yes(String cell) {
        return switch (cell.trim().toLowerCase(Locale.ROOT)) {
            case "yes", "y" -> true;
            case "no", "n" -> false;
            default -> throw new IllegalArgumentException("'" + cell + "' is neither yes nor no");
        };
    }
}
