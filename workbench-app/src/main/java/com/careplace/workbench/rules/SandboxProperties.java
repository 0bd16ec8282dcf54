package com.careplace.workbench.rules;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings under {@code careplace.sandbox}: the worker processes that run change requests' rules.
 *
 * @param workers  how many checks run at once (each in a JVM of its own); further checks wait
 * @param heap     the heap of one worker ({@code -Xmx}), the memory bound of one check
 * @param timeout  wall time after which a check is stopped and its worker killed
 * @param queueWait how long a check waits for a free worker before it is refused as busy
 * @param nice     the Unix nice level of workers, so that checks yield the CPU to decisions
 */
@ConfigurationProperties("careplace.sandbox")
public record SandboxProperties(Integer workers, String heap, Duration timeout, Duration queueWait, Integer nice) {

    public SandboxProperties {
        workers = workers == null ? 2 : workers;
        heap = heap == null ? "512m" : heap;
        timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
        queueWait = queueWait == null ? Duration.ofSeconds(60) : queueWait;
        nice = nice == null ? 10 : nice;
        if (workers < 1) {
            throw new IllegalArgumentException("careplace.sandbox.workers must be at least 1");
        }
    }
}
