package com.careplace.workbench.rules;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./careplace table FILE [--drl]}: a Drools decision-table spreadsheet ({@code .drl.xls}, {@code .drl.xlsx},
 * {@code .drl.csv}) as the workbench would store it after import, or the DRL Drools generates from it. Exit 1
 * when the import refuses it (the place and the reason on stderr), 2 on wrong usage.
 */
public final class TableCommand {

    private TableCommand() {
    }

    public static void main(String[] args) {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> arguments = List.of(args);
        boolean drl = arguments.contains("--drl");
        List<String> files = arguments.stream().filter(a -> !a.equals("--drl")).toList();
        if (files.size() != 1 || files.getFirst().startsWith("-")) {
            err.println("usage: ./careplace table FILE [--drl]   (FILE: *.drl.xls, *.drl.xlsx or *.drl.csv; --drl prints the rules it generates)");
            return 2;
        }
        Path file = Path.of(files.getFirst());
        try {
            SpreadsheetImport.Imported imported = SpreadsheetImport.read(file.getFileName().toString(), Files.readAllBytes(file));
            imported.notes().forEach(note -> err.println(file + ": warning: " + note));
            out.print(drl ? imported.drl() : imported.csv());
            return 0;
        } catch (IOException e) {
            err.println(file + ": error: cannot read it (" + e.getMessage() + ")");
            return 2;
        } catch (IllegalArgumentException e) {
            err.println(file + ": error: " + e.getMessage().replaceFirst("^" + java.util.regex.Pattern.quote(file.getFileName().toString()) + ": ", ""));
            return 1;
        }
    }
}
