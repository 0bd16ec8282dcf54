package com.careplace.workbench.authoring;

import java.util.Locale;

/**
 * The spreadsheet file a decision table was imported from: kept so that export gives the table back in that format
 * (an {@code .xls} stays {@code .xls}) with the sheets Drools does not compile. Never compiled or released.
 *
 * @param fileName as uploaded, e.g. {@code payer.drl.xls}
 * @param bytes    the workbook as uploaded; empty for a {@code .csv} (its text is the table)
 */
public record SourceWorkbook(String fileName, byte[] bytes) {

    public SourceWorkbook {
        java.util.Objects.requireNonNull(fileName, "fileName");
        bytes = bytes == null ? new byte[0] : bytes;
    }

    /** The format by its extension: {@code xls}, {@code xlsx} or {@code csv}. */
    public String format() {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".xlsx") ? "xlsx" : lower.endsWith(".xls") ? "xls" : "csv";
    }

    @Override
    public String toString() {
        return "SourceWorkbook[" + fileName + ", " + bytes.length + " bytes]";
    }
}
