package com.careplace.workbench.rules;

/**
 * A problem found by compiling, located where the author wrote it.
 *
 * @param asset   the asset's path
 * @param line    DRL line (1-based); {@code null} for decision tables or when Drools gave none
 * @param column  DRL column (1-based); {@code null} when unknown
 * @param cell    the decision-table cell; {@code null} for DRL
 * @param message what is wrong, without Drools' generated-code noise
 */
public record CompileProblem(String asset, Integer line, Integer column, TableCell cell, String message) implements java.io.Serializable {

    /**
     * A decision-table cell as the author sees it in a spreadsheet.
     *
     * @param row     1-based row of the sheet
     * @param column  column letter, {@code A} for the first
     * @param heading the column's heading in the table (e.g. {@code Payer})
     * @param value   the cell's content
     */
    public record TableCell(int row, String column, String heading, String value) implements java.io.Serializable {
    }

    /** One line for lists and logs of the workbench: {@code payer-requirements.drl.csv row 11, Payer (C): …}. */
    public String where() {
        String file = asset.substring(asset.lastIndexOf('/') + 1);
        if (cell != null) {
            return file + " row " + cell.row() + ", " + cell.heading() + " (" + cell.column() + ")";
        }
        return line == null ? file : file + ":" + line + (column == null ? "" : ":" + column);
    }
}
