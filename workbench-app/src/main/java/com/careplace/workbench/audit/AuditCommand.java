package com.careplace.workbench.audit;

import com.careplace.decision.base.SigningKey;
import com.careplace.decision.base.SigningProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code ./careplace audit verify-checkpoint FILE}: an auditor's check of the trail against a checkpoint
 * they kept, from a shell, against the installation's database and keys (the same settings as the
 * workbench, as {@code --name=value}). A command line, so it writes to the console. Exit codes: 0 the
 * checkpoint holds, 1 it does not (or cannot be read), 2 usage.
 */
public final class AuditCommand {

    private static final String USAGE = "usage: audit verify-checkpoint <checkpoint file>   [--spring.datasource.url=… "
            + "--spring.datasource.username=… --spring.datasource.password=… --careplace.data-dir=… "
            + "--careplace.audit.key-file=… --careplace.signing.key-file=… | --careplace.signing.public-key-file=…]";

    private AuditCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String[] words = Arrays.stream(args).filter(a -> !a.startsWith("--")).toArray(String[]::new);
        if (words.length != 2 || !words[0].equals("verify-checkpoint")) {
            err.println(USAGE);
            return 2;
        }
        Map<String, String> options = new HashMap<>();
        Arrays.stream(args).filter(a -> a.startsWith("--") && a.contains("="))
                .forEach(a -> options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1)));
        String dataDir = options.getOrDefault("careplace.data-dir", "./data");
        AuditCheckpoint checkpoint;
        try {
            checkpoint = AuditCheckpoint.parse(Files.readString(Path.of(words[1])));
        } catch (IOException | IllegalArgumentException e) {
            err.println(words[1] + ": " + e.getMessage());
            return 1;
        }
        try {
            DriverManagerDataSource db = new DriverManagerDataSource(
                    options.getOrDefault("spring.datasource.url", "jdbc:h2:file:" + dataDir + "/careplace"),
                    options.getOrDefault("spring.datasource.username", "sa"), options.getOrDefault("spring.datasource.password", ""));
            String publicKey = options.get("careplace.signing.public-key-file");
            SigningKey signing = SigningKey.load(new SigningProperties(
                    Path.of(options.getOrDefault("careplace.signing.key-file", dataDir + "/keys/signing-key.pem")),
                    publicKey == null ? null : Path.of(publicKey)), false);
            AuditTrail trail = new AuditTrail(new JdbcTemplate(db),
                    new AuditKey(Path.of(options.getOrDefault("careplace.audit.key-file", dataDir + "/keys/audit-key"))), signing);
            String user = "os:" + System.getProperty("user.name", "unknown");
            // One transaction: the check and its record in the trail commit together.
            ChainCheck check = new TransactionTemplate(new DataSourceTransactionManager(db)).execute(s -> trail.verifyAgainst(checkpoint, user));
            if (check.intact()) {
                out.println("checkpoint holds: the " + checkpoint.entries() + " entries up to " + checkpoint.at()
                        + " are unchanged; the chain is intact (" + check.entries() + " entries)");
                return 0;
            }
            out.println("checkpoint does NOT hold: " + check.reason());
            return 1;
        } catch (RuntimeException e) {
            err.println("cannot check the trail: " + e.getMessage());
            return 1;
        }
    }
}
