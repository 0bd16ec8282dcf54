package com.careplace.placement;

/** ASAM risk ratings (0..4) for the six dimensions. */
public record Dimensions(int d1, int d2, int d3, int d4, int d5, int d6) implements java.io.Serializable {

    public int rating(Dimension dimension) {
        return switch (dimension) {
            case D1 -> d1;
            case D2 -> d2;
            case D3 -> d3;
            case D4 -> d4;
            case D5 -> d5;
            case D6 -> d6;
        };
    }
}
